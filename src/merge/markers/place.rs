//! A block named in words (`D-1 (field risk)`, `D-1 (fields customer,
//! delivery, risk)`, `D-A (ours) / D-B (theirs): both added here`, `D-9
//! (whole item; linked from S-1)`), and what the naming reads from the
//! file around it.

use super::{Block, Span, id_of, strip};

impl Block {
    /// Where the block is, in words: `D-1 (field risk)`, `D-9 (whole
    /// item)`, `the settings (field north_star)`.
    pub fn place(&self) -> String {
        use crate::text::label;
        if let (Some(o), Some(t)) = (&self.id, &self.other_id) {
            return format!(
                "{} (ours) / {} (theirs): both added here",
                label(o),
                label(t)
            );
        }
        if self.fields.len() > 1 {
            let fields: Vec<String> = self.fields.iter().map(|f| label(f).into_owned()).collect();
            let id = self
                .id
                .as_deref()
                .map_or_else(|| "the settings".to_owned(), |i| label(i).into_owned());
            return format!("{id} (fields {})", fields.join(", "));
        }
        let at = place(self.id.as_deref(), self.field.as_deref());
        if self.field.is_none() && !self.linked_from.is_empty() {
            let from: Vec<String> = self
                .linked_from
                .iter()
                .map(|h| label(h).into_owned())
                .collect();
            // "D-1 (whole item)" → "D-1 (whole item; linked from S-1)".
            return format!(
                "{}; linked from {})",
                at.trim_end_matches(')'),
                from.join(", ")
            );
        }
        at
    }

    /// The ids of the items a side's text holds (`id: "…"` lines), in order.
    pub fn ids_in(text: &str) -> Vec<String> {
        text.lines().filter_map(id_of).collect()
    }
}

/// [`Block::place`] of an item id and field.
pub fn place(id: Option<&str>, field: Option<&str>) -> String {
    use crate::text::label;
    match (id, field) {
        (Some(i), Some(f)) => match f
            .strip_prefix("checkins[")
            .and_then(|d| d.strip_suffix(']'))
        {
            Some(date) => format!("{} (check-in {})", label(i), label(date)),
            None => format!("{} (field {})", label(i), label(f)),
        },
        (Some(i), None) => format!("{} (whole item)", label(i)),
        (None, Some(f)) => format!("the settings (field {})", label(f)),
        (None, None) => "the settings".to_owned(),
    }
}

/// The items that name `id` (`"D-1"` in a sprint's items, a debt's key
/// results) outside every block, in file order: why deleting it clashes.
pub(super) fn linked_from(lines: &[&str], spans: &[Span], id: &str) -> Vec<String> {
    let quoted = format!("\"{id}\"");
    let mut holder: Option<String> = None;
    let mut out: Vec<String> = Vec::new();
    let inside = |i: usize| spans.iter().any(|s| (s.start..=s.end).contains(&i));
    for (_, l) in lines.iter().enumerate().filter(|(i, _)| !inside(*i)) {
        let l = strip(l);
        if let Some(own) = id_of(l) {
            holder = Some(own);
            continue;
        }
        if l.contains(&quoted)
            && let Some(h) = &holder
            && h != id
            && !out.contains(h)
        {
            out.push(h.clone());
        }
    }
    out
}
