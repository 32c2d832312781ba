//! Shared building blocks of the screens.

mod chart;
mod item_input;
mod message;
mod shell;

pub use chart::BalanceChart;
pub use item_input::ItemInput;
pub use message::{ErrorPanel, NoticeBanner};
pub use shell::Shell;
