//! `core::links`: invitation links, their QR codes, and setting up a study.

mod invitation;
mod keys;
mod qr;
mod study;
