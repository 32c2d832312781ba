//! Choosing files: a file picker that is also a drop zone.

use crate::ui::state::use_app_state;
use leptos::prelude::*;

fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else {
        return Vec::new();
    };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// A labelled file input inside a zone that also accepts dropped files.
#[component]
pub fn FileDrop(
    /// Catalogue key of the visible label.
    label_key: &'static str,
    /// Catalogue key of the line under the label (e.g. "or drop files here").
    hint_key: &'static str,
    /// Whether several files may be chosen at once.
    #[prop(optional)]
    multiple: bool,
    /// Accepted file types, as in `<input accept>` (e.g. ".age,.txt").
    #[prop(optional)]
    accept: Option<&'static str>,
    /// `data-testid` of the file input, for tests.
    #[prop(optional)]
    testid: Option<&'static str>,
    /// Called with the chosen or dropped files (not read yet).
    on_files: Callback<Vec<web_sys::File>>,
) -> impl IntoView {
    let state = use_app_state();
    let dragging = RwSignal::new(false);
    let input_id = format!("file-{}", testid.unwrap_or(label_key).replace('.', "-"));
    let on_change = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let files = files_of(input.files());
        // Clear the input so choosing the same file again fires `change`.
        input.set_value("");
        if !files.is_empty() {
            on_files.run(files);
        }
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        let files = files_of(ev.data_transfer().and_then(|d| d.files()));
        if !files.is_empty() {
            on_files.run(files);
        }
    };
    view! {
        <div
            class="file-drop"
            class:dragging=move || dragging.get()
            on:dragover=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop
        >
            <label for=input_id.clone() class="file-drop-label">{move || state.t(label_key)}</label>
            <p class="item-hint">{move || state.t(hint_key)}</p>
            <input
                id=input_id
                type="file"
                multiple=multiple
                accept=accept
                data-testid=testid
                on:change=on_change
            />
        </div>
    }
}
