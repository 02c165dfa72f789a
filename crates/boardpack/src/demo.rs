//! The demo organisation (written next).
use boardpack_core::MeetingId;
use crate::{Boardpack, Result};
impl Boardpack {
    /// Loads the demo trust, its Trust Board and a meeting; returns the meeting's id.
    pub fn load_demo(&self) -> Result<MeetingId> {
        Err(crate::Error::Conflict("demo not written yet".into()))
    }
}
