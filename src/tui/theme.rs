//! Every style the UI uses, in one place. With `NO_COLOR` set (to anything
//! but the empty string, per no-color.org) only bold, reverse and dim are used.

use ratatui::style::{Color, Modifier, Style};

use crate::model::{DebtStatus, Health, HypothesisStatus};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme { color: !no_color }
    }

    pub fn plain() -> Theme {
        Theme { color: false }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn text(&self) -> Style {
        Style::new()
    }

    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    pub fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn heading(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn key(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn tab(&self) -> Style {
        self.dim()
    }

    pub fn tab_active(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED)
    }

    pub fn selected(&self) -> Style {
        if self.color {
            Style::new()
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn header(&self) -> Style {
        self.fg(Color::Cyan)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    pub fn status_bar(&self) -> Style {
        if self.color {
            Style::new().bg(Color::Rgb(40, 40, 40)).fg(Color::White)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn ok(&self) -> Style {
        self.fg(Color::Green)
    }

    pub fn warn(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn health(&self, h: Option<Health>) -> Style {
        match h {
            Some(Health::OnTrack) => self.ok(),
            Some(Health::AtRisk) => self.warn(),
            Some(Health::OffTrack) => self.error(),
            None => self.dim(),
        }
    }

    pub fn debt_status(&self, s: DebtStatus) -> Style {
        match s {
            DebtStatus::Open => self.text(),
            DebtStatus::InProgress => self.fg(Color::Cyan),
            DebtStatus::Done => self.ok(),
            DebtStatus::WontFix => self.dim(),
        }
    }

    pub fn hypothesis_status(&self, s: HypothesisStatus) -> Style {
        match s {
            HypothesisStatus::Proposed => self.text(),
            HypothesisStatus::Running => self.fg(Color::Cyan),
            HypothesisStatus::Validated => self.ok(),
            HypothesisStatus::Abandoned => self.dim(),
        }
    }

    /// A gauge: green up to full, red when over.
    pub fn gauge(&self, over: bool) -> Style {
        if over { self.error() } else { self.ok() }
    }

    pub fn border(&self) -> Style {
        self.dim()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_uses_only_modifiers() {
        let t = Theme::plain();
        for s in [
            t.selected(),
            t.error(),
            t.warn(),
            t.ok(),
            t.header(),
            t.status_bar(),
            t.health(Some(Health::OffTrack)),
            t.gauge(true),
            t.dim(),
        ] {
            assert_eq!((s.fg, s.bg), (None, None), "{s:?}");
        }
        assert!(t.selected().add_modifier.contains(Modifier::REVERSED));
        let c = Theme { color: true };
        assert_eq!(c.error().fg, Some(Color::Red));
    }
}
