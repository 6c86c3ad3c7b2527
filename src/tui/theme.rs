//! Every style the UI uses, in one place. With `NO_COLOR` set (to anything
//! but the empty string, per no-color.org) only bold, reverse and dim are used.
//! `BEARING_CHARTS=block` draws charts with block characters for fonts
//! without braille.

use ratatui::style::{Color, Modifier, Style};

use crate::model::{DebtStatus, Health, HypothesisStatus};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    pub color: bool,
    /// How chart lines are drawn.
    pub charts: ChartMarks,
}

/// The characters chart lines are drawn with: braille dots (fine, the
/// default) or half blocks, for fonts that have no braille.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ChartMarks {
    #[default]
    Braille,
    Block,
}

/// The environment variable that picks [`ChartMarks`]: `block` (or
/// `ascii`) for half blocks; anything else, or unset, is braille.
pub const CHARTS_ENV: &str = "BEARING_CHARTS";

impl ChartMarks {
    pub fn from_env() -> ChartMarks {
        ChartMarks::parse(&std::env::var(CHARTS_ENV).unwrap_or_default())
    }

    pub fn parse(s: &str) -> ChartMarks {
        match s.trim().to_ascii_lowercase().as_str() {
            "block" | "blocks" | "ascii" => ChartMarks::Block,
            _ => ChartMarks::Braille,
        }
    }

    /// The marker of a data line.
    pub fn line(self) -> ratatui::symbols::Marker {
        match self {
            ChartMarks::Braille => ratatui::symbols::Marker::Braille,
            ChartMarks::Block => ratatui::symbols::Marker::HalfBlock,
        }
    }
}

impl Theme {
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme {
            color: !no_color,
            charts: ChartMarks::from_env(),
        }
    }

    pub fn plain() -> Theme {
        Theme {
            color: false,
            charts: ChartMarks::Braille,
        }
    }

    /// A chart's series, by role: the scope (or a key result's check-ins),
    /// what is done, and a reference line (ideal, expected, target, mean).
    /// Without colour the reference lines are dim.
    pub fn series_scope(&self) -> Style {
        self.fg(Color::Cyan)
    }

    pub fn series_done(&self) -> Style {
        self.fg(Color::Green).add_modifier(Modifier::BOLD)
    }

    pub fn series_reference(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Yellow)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
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
    fn chart_marks_from_the_setting() {
        assert_eq!(ChartMarks::parse("block"), ChartMarks::Block);
        assert_eq!(ChartMarks::parse(" BLOCK "), ChartMarks::Block);
        assert_eq!(ChartMarks::parse("ascii"), ChartMarks::Block);
        assert_eq!(ChartMarks::parse(""), ChartMarks::Braille);
        assert_eq!(ChartMarks::parse("braille"), ChartMarks::Braille);
    }

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
        for s in [t.series_scope(), t.series_done(), t.series_reference()] {
            assert_eq!((s.fg, s.bg), (None, None), "{s:?}");
        }
        let c = Theme {
            color: true,
            ..Theme::plain()
        };
        assert_eq!(c.error().fg, Some(Color::Red));
    }
}
