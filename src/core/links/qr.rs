//! QR codes of invitation links, drawn as SVG.
//!
//! The code is made by the `qrcode` crate at error-correction level M (15 %
//! of the code may be damaged or dirty and it still reads), which suits a
//! printed sheet. The SVG has one unit per module and the standard quiet zone
//! of four modules, so it scales to any size without blurring.
//!
//! # Why a length budget
//! A longer link needs a denser code. At [`LINK_PRINT_BUDGET`] characters the
//! code is at most version 10 (57 × 57 modules). Printed 5 cm wide on A4 a
//! module is then almost 1 mm, which phone cameras read at arm's length, also
//! on older phones and cheap printers. An invitation for the study built into
//! the app fits with room to spare (about 150 characters with the origin);
//! one that carries a whole study with a long consent text may not, and the
//! invitation screen then says so.

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

use crate::core::error::{display_as_problem, Problem};

/// Longest link (in characters) whose QR code still reads well from a
/// printed A4 sheet (see the module docs).
pub const LINK_PRINT_BUDGET: usize = 213;

/// A QR code ready to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QrImage {
    /// The SVG element (no XML declaration), one unit per module, quiet zone included.
    pub svg: String,
    /// QR version, 1–40: how dense the code is.
    pub version: i16,
    /// Modules per side, without the quiet zone.
    pub modules: usize,
}

impl QrImage {
    /// Catalogue key of the code's size in words, for the professional who
    /// prints it: up to version 10 (57 modules a side, see
    /// [`LINK_PRINT_BUDGET`]) a phone reads it from paper easily; up to 15
    /// (77 modules) only when printed large; beyond that maybe not at all.
    pub fn size_key(&self) -> &'static str {
        match self.version {
            ..=10 => "pro.invite.qr_small",
            11..=15 => "pro.invite.qr_medium",
            _ => "pro.invite.qr_large",
        }
    }
}

/// Why no QR code could be made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum QrError {
    /// The text is too long for any QR code.
    TooLong,
}

impl Problem for QrError {
    fn message_key(&self) -> &'static str {
        match self {
            QrError::TooLong => "pro.qr.error.too_long",
        }
    }

    fn hint_key(&self) -> &'static str {
        match self {
            QrError::TooLong => "pro.qr.hint.too_long",
        }
    }

    fn code(&self) -> &'static str {
        match self {
            QrError::TooLong => "too_long",
        }
    }
}

display_as_problem!(QrError);

/// The QR code of `text` as an SVG element.
pub fn qr_svg(text: &str) -> Result<QrImage, QrError> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
        .map_err(|_| QrError::TooLong)?;
    let rendered = code
        .render::<svg::Color>()
        .quiet_zone(true)
        .module_dimensions(1, 1)
        .dark_color(svg::Color("#000"))
        .light_color(svg::Color("#fff"))
        .build();
    // The declaration is for stand-alone files; inside HTML it is noise.
    let svg = match rendered.split_once("?>") {
        Some((_, element)) => element.to_string(),
        None => rendered,
    };
    let version = match code.version() {
        qrcode::Version::Normal(v) | qrcode::Version::Micro(v) => v,
    };
    Ok(QrImage {
        svg,
        version,
        modules: code.width(),
    })
}

/// Whether a link of `length` characters makes a QR code that reads from paper.
pub fn fits_print(length: usize) -> bool {
    length <= LINK_PRINT_BUDGET
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_budget_keeps_the_code_at_version_10_or_below() {
        let longest = "x".repeat(LINK_PRINT_BUDGET);
        let qr = qr_svg(&longest).unwrap();
        assert!(qr.version <= 10, "version {}", qr.version);
        let beyond = qr_svg(&"x".repeat(LINK_PRINT_BUDGET + 1)).unwrap();
        assert!(
            beyond.version > 10,
            "the budget is the version's whole capacity"
        );
        assert_eq!(qr.modules, 17 + 4 * qr.version as usize);
        assert!(qr.svg.starts_with("<svg"));
    }

    #[test]
    fn text_beyond_any_qr_code_is_refused() {
        assert_eq!(qr_svg(&"x".repeat(5000)), Err(QrError::TooLong));
    }
}
