//! Bytes of an exported file to text, as spreadsheets and trackers write
//! them: UTF-8 with or without a byte order mark, UTF-16 with one (Excel's
//! "Unicode text"), and — for a file that is not valid UTF-8 — Windows-1252,
//! what Excel and LibreOffice write on Western-European Windows ("CSV" rather
//! than "CSV UTF-8"). Decoding never fails: Windows-1252 maps every byte, so
//! the caller says which encoding was used instead of refusing the file.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// A file's text and, when it was not plain UTF-8, the encoding it was read
/// as (for the summary: "read as Windows-1252").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: Option<&'static str>,
}

/// The text of `bytes`: a byte order mark names the encoding (and is not
/// text); otherwise UTF-8 when it is valid, else Windows-1252.
pub fn decode(bytes: &[u8]) -> Decoded {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        let encoding = (encoding != UTF_8).then(|| encoding.name());
        return Decoded {
            text: text.into_owned(),
            encoding,
        };
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Decoded {
            text: text.to_owned(),
            encoding: None,
        },
        Err(_) => {
            let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
            Decoded {
                text: text.into_owned(),
                encoding: Some(WINDOWS_1252.name()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode("\u{feff}title\né€\n".as_bytes());
        assert_eq!(d.text, "title\né€\n");
        assert_eq!(d.encoding, None);
        assert_eq!(decode("é".as_bytes()).text, "é");
    }

    #[test]
    fn windows_1252_when_not_utf8() {
        // "Café;5 €" as LibreOffice writes it with the Western Europe charset.
        let d = decode(b"Caf\xe9;5 \x80\r\n");
        assert_eq!(d.text, "Café;5 €\r\n");
        assert_eq!(d.encoding, Some("windows-1252"));
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xff, 0xfe];
        le.extend("t\té".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&le).text, "t\té");
        assert_eq!(decode(&le).encoding, Some("UTF-16LE"));
        let mut be = vec![0xfe, 0xff];
        be.extend("t\té".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(&be).text, "t\té");
    }
}
