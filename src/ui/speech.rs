//! Read-aloud through the browser's speech synthesis, in the app's language.

use wasm_bindgen::JsCast;

use crate::core::error::{display_as_problem, Problem};
use crate::core::i18n::Lang;

/// Why a text could not be read aloud.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SpeechError {
    /// The browser has no speech synthesis at all.
    Unsupported,
    /// The device has no voice for the language.
    NoVoice,
}

impl Problem for SpeechError {
    fn message_key(&self) -> &'static str {
        match self {
            SpeechError::Unsupported => "a11y.no_speech",
            SpeechError::NoVoice => "a11y.no_voice",
        }
    }

    fn hint_key(&self) -> &'static str {
        match self {
            SpeechError::Unsupported => "a11y.no_speech_hint",
            SpeechError::NoVoice => "a11y.no_voice_hint",
        }
    }

    fn code(&self) -> &'static str {
        match self {
            SpeechError::Unsupported => "unsupported",
            SpeechError::NoVoice => "no_voice",
        }
    }
}

display_as_problem!(SpeechError);

fn synth() -> Option<web_sys::SpeechSynthesis> {
    web_sys::window()?.speech_synthesis().ok()
}

/// Asks the browser for its voices once at start: some browsers load them
/// only on the first request, so asking early has them ready for the button.
pub fn prime_voices() {
    if let Some(s) = synth() {
        let _ = s.get_voices();
    }
}

/// The best voice for `lang`: one for the language and its home country
/// (nl-NL, en-GB) first, then any voice for the language.
fn voice_for(
    synth: &web_sys::SpeechSynthesis,
    lang: Lang,
) -> Option<web_sys::SpeechSynthesisVoice> {
    let preferred = match lang {
        Lang::Nl => "nl-nl",
        Lang::En => "en-gb",
    };
    let voices: Vec<web_sys::SpeechSynthesisVoice> = synth
        .get_voices()
        .iter()
        .map(|v| v.unchecked_into())
        .collect();
    let tag = |v: &web_sys::SpeechSynthesisVoice| v.lang().to_lowercase().replace('_', "-");
    voices
        .iter()
        .find(|v| tag(v) == preferred)
        .or_else(|| {
            voices
                .iter()
                .find(|v| tag(v).split('-').next() == Some(lang.code()))
        })
        .cloned()
}

/// Speaks `text` in `lang`, stopping whatever was being read before.
pub fn speak(text: &str, lang: Lang) -> Result<(), SpeechError> {
    let synth = synth().ok_or(SpeechError::Unsupported)?;
    let voice = voice_for(&synth, lang).ok_or(SpeechError::NoVoice)?;
    let utterance = web_sys::SpeechSynthesisUtterance::new_with_text(text)
        .map_err(|_| SpeechError::Unsupported)?;
    utterance.set_lang(&voice.lang());
    utterance.set_voice(Some(&voice));
    // A little slower than the default helps people who listen instead of read.
    utterance.set_rate(0.9);
    synth.cancel();
    synth.speak(&utterance);
    Ok(())
}

/// Stops reading aloud (when the person moves on).
pub fn stop() {
    if let Some(s) = synth() {
        s.cancel();
    }
}
