//! How the org roll-ups' numbers are written in JSON: rounded, so a
//! script never reads `0.555555555555552` where the table says `56%`.

/// A number in JSON as the tables print it ([`crate::text::number`]):
/// rounded to two decimals, so `1.8`, never `1.7999999999999998`.
pub fn round2<S: serde::Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
    // The table's own text, read back: the same digits, the same rounding.
    let r = crate::text::number(*x).parse::<f64>().unwrap_or(*x);
    s.serialize_f64(if r == 0.0 { 0.0 } else { r })
}

/// A share (progress, capacity use, odds) in JSON: rounded to four
/// decimals (`0.5556`, a percentage to two decimals), `null` when absent.
pub fn round4<S: serde::Serializer>(x: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match x {
        Some(x) => s.serialize_f64(to4(*x)),
        None => s.serialize_none(),
    }
}

/// `x` to four decimals; never `-0`, and a non-finite value as it is.
fn to4(x: f64) -> f64 {
    if !x.is_finite() {
        return x;
    }
    let r = (x * 10_000.0).round() / 10_000.0;
    if r == 0.0 { 0.0 } else { r }
}

#[cfg(test)]
mod tests {
    use super::to4;

    #[test]
    fn shares_are_rounded_to_four_decimals() {
        assert_eq!(to4(0.555_555_555_555_552), 0.5556);
        assert_eq!(to4(1.0), 1.0);
        assert_eq!(to4(-0.000_01), 0.0);
        assert_eq!(to4(2.0 / 3.0), 0.6667);
    }
}
