//! placeholder
#[derive(Debug)] pub enum ArchiveScope {}
#[derive(Debug)] pub struct ImportSummary;
