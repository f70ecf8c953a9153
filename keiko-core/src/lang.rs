//! The language keiko speaks: a leaf that every other module may use.
//! A language is data, its tag (`ja`, `en`, `pt-BR`): which ones keiko has
//! words for is the interface's business (`i18n::available`), not this
//! module's, which holds no words.

use std::fmt;

/// A language tag, kept inline so that it is `Copy`: a language of two or
/// three ASCII letters (`ja`, `en`), then any subtags of letters and digits
/// after `-` (`pt-BR`), 15 bytes at most.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Lang {
    tag: [u8; Lang::MAX_TAG],
    len: u8,
}

impl Lang {
    /// The longest tag a `Lang` holds.
    pub const MAX_TAG: usize = 15;
    /// Japanese, keiko's first language.
    pub const JA: Lang = Lang::known("ja");
    pub const EN: Lang = Lang::known("en");

    const fn known(tag: &str) -> Lang {
        let bytes = tag.as_bytes();
        let mut out = [0; Lang::MAX_TAG];
        let mut i = 0;
        while i < bytes.len() {
            out[i] = bytes[i];
            i += 1;
        }
        Lang { tag: out, len: bytes.len() as u8 }
    }

    /// The language of a tag; `None` for text that is not one.
    pub fn new(tag: &str) -> Option<Lang> {
        let mut parts = tag.split('-');
        let language = parts.next().unwrap_or_default();
        let valid = tag.len() <= Lang::MAX_TAG
            && (2..=3).contains(&language.len())
            && language.bytes().all(|b| b.is_ascii_alphabetic())
            && parts.all(|part| (1..=8).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_alphanumeric()));
        valid.then(|| Lang::known(tag))
    }

    pub fn as_str(&self) -> &str {
        // Only ASCII is ever stored (`new`, `known`).
        std::str::from_utf8(&self.tag[..usize::from(self.len)]).unwrap_or_default()
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Lang({})", self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::Lang;

    #[test]
    fn a_tag_is_kept_as_it_is() {
        assert_eq!(Lang::new("ja"), Some(Lang::JA));
        assert_eq!(Lang::new("pt-BR").map(|l| l.to_string()), Some("pt-BR".to_string()));
        for not in ["", "j", "1a", "ja_JP", "ja.UTF-8", "ja-", "note", "a-very-long-tag-indeed", "日本"] {
            assert_eq!(Lang::new(not), None, "{not}");
        }
    }
}
