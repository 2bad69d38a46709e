//! blocpress: a static site generator for an emulation bloc (*khối thi đua*). A site flows one
//! way: load (`content`) → validate → Markdown (`markdown`) → templates (`render`) → write
//! (`output`). The same loaded [`model::Site`] feeds `build`, `check` and `serve`.

pub mod alloc_guard;
pub mod cms;
pub mod collation;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod hygiene;
pub mod i18n;
pub mod images;
pub mod later;
pub mod lock;
pub mod markdown;
pub mod messages;
pub mod model;
pub mod output;
pub mod period;
pub mod render;
pub mod serve;
pub mod sheet;
pub mod site;
pub mod slug;
pub mod theme;
pub mod timing;
pub mod urls;
pub mod workspace;
pub mod yaml;
pub mod yaml_lint;
