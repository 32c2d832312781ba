//! Shared building blocks of the screens.

mod chart;
mod confirm;
#[allow(dead_code)] // scaffolding for issues 3 and 4
mod file_drop;
mod item_input;
mod message;
mod shell;
mod storage;

pub use chart::BalanceChart;
pub use confirm::ConfirmButtons;
#[allow(unused_imports)] // scaffolding for issues 3 and 4
pub use file_drop::FileDrop;
pub use item_input::ItemInput;
pub use message::{ErrorPanel, NoticeBanner};
pub use shell::Shell;
pub use storage::{SetAsideList, StorageStatus};
