//! Shared building blocks of the screens.

mod chart;
mod confirm;
mod file_drop;
mod icons;
mod item_input;
mod message;
mod own_say;
mod plan_sheet;
mod shell;
mod storage;

pub use chart::BalanceChart;
pub use confirm::ConfirmButtons;
pub use file_drop::FileDrop;
pub use icons::TopicIcon;
pub use item_input::ItemInput;
pub use message::{AnyProblem, ErrorPanel, NoticeBanner, ScreenError};
pub use own_say::{ModeQuestion, SectionMark, TopicMarks};
pub use plan_sheet::PlanSheet;
pub use shell::{HeaderTools, Shell};
pub use storage::{SetAsideList, StorageStatus};
