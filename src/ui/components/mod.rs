//! Shared building blocks of the screens.

mod chart;
mod file_drop;
mod item_input;
mod message;
mod shell;

pub use chart::BalanceChart;
pub use file_drop::FileDrop;
pub use item_input::ItemInput;
pub use message::{ErrorPanel, NoticeBanner};
pub use shell::Shell;
