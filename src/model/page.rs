//! A page of a list (docs/wire.md §4): `{ "data": [...], "total_count": N }`, or the legacy bare
//! array that the Frontend API sends when `paginated=true` is missing. At most
//! [`MAX_PAGE_ITEMS`] items.

use core::fmt;
use core::marker::PhantomData;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use crate::model::fields::{List, MAX_PAGE_ITEMS};

/// One page of a list and the size of the whole list.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    /// The items of this page.
    pub data: Vec<T>,
    /// How many there are in all (the length of `data` for a bare array; 0 when absent or null).
    pub total_count: u32,
}

#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "snake_case")]
enum Key {
    Data,
    TotalCount,
    #[serde(other)]
    Other,
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Page<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PageVisitor<T>(PhantomData<T>);

        impl<'de, T: Deserialize<'de>> Visitor<'de> for PageVisitor<T> {
            type Value = Page<T>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a page: { data, total_count } or an array")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Page<T>, A::Error> {
                let mut data = None;
                let mut total_count = None;
                while let Some(key) = map.next_key()? {
                    match key {
                        Key::Data if data.is_some() => {
                            return Err(de::Error::duplicate_field("data"))
                        }
                        Key::Data => data = Some(map.next_value::<List<T, MAX_PAGE_ITEMS>>()?.0),
                        Key::TotalCount => total_count = map.next_value::<Option<u32>>()?,
                        Key::Other => drop(map.next_value::<IgnoredAny>()?),
                    }
                }
                Ok(Page {
                    data: data.ok_or_else(|| de::Error::missing_field("data"))?,
                    total_count: total_count.unwrap_or_default(),
                })
            }

            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Page<T>, A::Error> {
                let List(data) = List::<T, MAX_PAGE_ITEMS>::deserialize(
                    de::value::SeqAccessDeserializer::new(seq),
                )?;
                // A bare array is the whole list (it has no total_count); bounded by MAX_PAGE_ITEMS.
                let total_count = u32::try_from(data.len()).unwrap_or(u32::MAX);
                Ok(Page { data, total_count })
            }
        }

        deserializer.deserialize_any(PageVisitor(PhantomData))
    }
}
