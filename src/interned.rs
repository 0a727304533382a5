//! Deserializing reports into types that hold `&'static str`. Reports are read back only by
//! `merge`, once per run: the strings its report types hold for the life of the process are
//! leaked there rather than made owned everywhere.

use serde::{Deserialize, Deserializer};

pub fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

pub fn str<'de, D: Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    String::deserialize(d).map(leak)
}

pub fn strs<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<&'static str>, D::Error> {
    Ok(Vec::<String>::deserialize(d)?
        .into_iter()
        .map(leak)
        .collect())
}

pub fn slice<'de, D: Deserializer<'de>>(d: D) -> Result<&'static [&'static str], D::Error> {
    Ok(Vec::leak(strs(d)?))
}
