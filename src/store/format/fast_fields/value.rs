//! How each kind of value is read and written: strings, numbers, dates,
//! lists, and the fields the printer leaves out when empty. The structs
//! themselves are tables in the parent module.

use chrono::NaiveDate;

use super::super::fast_de::Cur;
use super::super::fast_ser::W;

/// A value as it stands after `name: `, read and written the same way.
/// `i` is the indent of the field's line: a struct's fields sit at `i + 2`
/// and its `)` at `i`, a list's items at `i + 2` and its `]` at `i`.
pub(in crate::store::format) trait Value: Sized {
    fn read(c: &mut Cur, i: usize) -> Option<Self>;
    fn write(&self, w: &mut W, i: usize);
}

/// A field the printer leaves out when empty; the reader then takes the
/// default. `Shown` is what is written when it is not empty.
pub(in crate::store::format) trait Omit: Sized {
    type Shown: Value;
    fn shown(&self) -> Option<&Self::Shown>;
    fn from_read(x: Option<Self::Shown>) -> Self;
}

impl Omit for String {
    type Shown = String;
    #[inline]
    fn shown(&self) -> Option<&String> {
        (!self.is_empty()).then_some(self)
    }
    #[inline]
    fn from_read(x: Option<String>) -> Self {
        x.unwrap_or_default()
    }
}

impl<T> Omit for Vec<T>
where
    Vec<T>: Value,
{
    type Shown = Vec<T>;
    #[inline]
    fn shown(&self) -> Option<&Vec<T>> {
        (!self.is_empty()).then_some(self)
    }
    #[inline]
    fn from_read(x: Option<Vec<T>>) -> Self {
        x.unwrap_or_default()
    }
}

impl<T: Value> Omit for Option<T> {
    type Shown = T;
    #[inline]
    fn shown(&self) -> Option<&T> {
        self.as_ref()
    }
    #[inline]
    fn from_read(x: Option<T>) -> Self {
        x
    }
}

/// A value on the field's own line: read with the cursor's `$read`, and
/// written by `$write`, where `$w` is the writer and `$v` the value.
macro_rules! scalar {
    ($t:ty, $read:ident, |$w:ident, $v:ident| $write:expr) => {
        impl Value for $t {
            #[inline]
            fn read(c: &mut Cur, _: usize) -> Option<Self> {
                c.$read()
            }
            #[inline]
            fn write(&self, $w: &mut W, _: usize) {
                let $v = self;
                $write;
            }
        }
    };
}

scalar!(String, string, |w, s| w.string(s));
scalar!(u8, uint, |w, n| w.uint(u64::from(*n)));
scalar!(u32, uint, |w, n| w.uint(u64::from(*n)));
scalar!(f64, float, |w, x| w.float(*x));
scalar!(NaiveDate, date, |w, d| w.date(*d));

/// `[]`, or one item a line at `i + 2` (strings, or structs opened there).
impl<T: Value> Value for Vec<T> {
    #[inline]
    fn read(c: &mut Cur, i: usize) -> Option<Self> {
        c.list(i, |c| T::read(c, i + 2))
    }
    #[inline]
    fn write(&self, w: &mut W, i: usize) {
        write_list(w, i, self);
    }
}

/// A list's value: `[]`, or `[`, each item at `i + 2` and its comma, `]`.
pub(in crate::store::format) fn write_list<T: Value>(w: &mut W, i: usize, xs: &[T]) {
    if xs.is_empty() {
        w.0.push_str("[]");
        return;
    }
    w.0.push_str("[\n");
    for x in xs {
        w.indent(i + 2);
        x.write(w, i + 2);
        w.end();
    }
    w.indent(i);
    w.0.push(']');
}
