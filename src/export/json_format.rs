//! serde_json's pretty output with one change: a negative zero is written as
//! `0.0`. A regression of exactly nothing is no regression, and `-0.0` in a
//! dashboard reads as a bug.

use std::io::{self, Write};

use serde_json::ser::{Formatter, PrettyFormatter};

/// Pretty JSON of `value`, two-space indents, never `-0.0`.
pub(crate) fn to_string_pretty(value: &impl serde::Serialize) -> serde_json::Result<String> {
    let mut buf = Vec::with_capacity(256);
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, NoNegativeZero::default());
    value.serialize(&mut ser)?;
    // serde_json writes only valid UTF-8.
    Ok(String::from_utf8_lossy(&buf).into_owned())
}

#[derive(Default)]
struct NoNegativeZero(PrettyFormatter<'static>);

impl Formatter for NoNegativeZero {
    fn write_f64<W: ?Sized + Write>(&mut self, w: &mut W, v: f64) -> io::Result<()> {
        self.0.write_f64(w, crate::text::no_negative_zero(v))
    }
    fn write_f32<W: ?Sized + Write>(&mut self, w: &mut W, v: f32) -> io::Result<()> {
        self.0.write_f32(w, v + 0.0)
    }
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn negative_zero_is_zero_and_the_layout_is_serde_jsons() {
        let v = serde_json::json!({"a": [-0.0, 1.5, -2.0], "b": {"c": null}});
        let ours = super::to_string_pretty(&v).unwrap();
        let theirs = serde_json::to_string_pretty(&v).unwrap();
        assert_eq!(ours, theirs.replace("-0.0", "0.0"));
        assert!(!ours.contains("-0"), "{ours}");
    }
}
