//! `/pro/:wid/r/:code/invite?m=T0&h=member`: making an invitation: the link,
//! its QR code, copy, share and print. The printout is for the citizen, so
//! its text is plain Dutch (B1).

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use super::WorkspaceHandle;
use super::{moment_key, respondent_path, use_target, who_when, with_respondent, Target};
use crate::core::i18n::Lang;
use crate::core::instrument::Moment;
use crate::core::links::{
    fits_print, invitation_link, qr_svg, QrError, QrImage, LINK_PRINT_BUDGET,
};
use crate::ui::browser;
use crate::ui::components::ErrorPanel;
use crate::ui::state::{now, use_app_state};

/// `/pro/:wid/r/:code/invite`.
#[component]
pub fn InvitationPage() -> impl IntoView {
    let target = use_target();
    move || {
        with_respondent(target.get(), |handle, target| {
            view! { <InvitationMaker handle=handle target=target/> }.into_any()
        })
    }
}

/// A made invitation: the link and its QR code.
#[derive(Clone)]
struct Made {
    link: String,
    qr: Result<QrImage, QrError>,
    moment: Moment,
    member: Option<String>,
    with_key: bool,
    /// Name of the study, for the printed sheet.
    study: String,
    /// How to reach the researcher, for the printed sheet.
    contact: String,
    /// The professional's name as citizens see it, for the printed sheet.
    professional: String,
}

#[component]
fn InvitationMaker(handle: WorkspaceHandle, target: Target) -> impl IntoView {
    let state = use_app_state();
    let code = StoredValue::new(target.code.clone());
    let members = handle.ws.with_untracked(|w| {
        w.respondent(&target.code)
            .map(|r| r.members.clone())
            .unwrap_or_default()
    });
    let moment = RwSignal::new(target.moment);
    let member = RwSignal::new(
        target
            .member
            .clone()
            .filter(|m| members.contains(m))
            .unwrap_or_default(),
    );
    let with_key = RwSignal::new(true);
    let lang = RwSignal::new(state.lang.get_untracked());
    let made = RwSignal::new(None::<Made>);
    // A changed choice makes the shown link stale: hide it until made again.
    let changed = move || made.set(None);

    let make = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let member = Some(member.get_untracked()).filter(|m| !m.is_empty());
        let (moment, with_key) = (moment.get_untracked(), with_key.get_untracked());
        let invitation = handle.ws.with_untracked(|w| {
            w.invitation(
                &code.get_value(),
                member.as_deref(),
                moment,
                with_key,
                lang.get_untracked(),
            )
        });
        let link = invitation_link(&browser::base_url(), &invitation);
        handle.change(|w| {
            w.record_invitation(
                &code.get_value(),
                member.as_deref(),
                moment,
                with_key,
                now(),
            )
        });
        let (study, contact, professional) = handle.ws.with_untracked(|w| {
            (
                w.study.name.clone(),
                w.study.contact.clone(),
                w.display_name.clone(),
            )
        });
        made.set(Some(Made {
            qr: qr_svg(&link),
            link,
            moment,
            member,
            with_key,
            study,
            contact,
            professional,
        }));
    };

    let moment_options = Moment::ALL
        .into_iter()
        .map(|m| {
            let label = move || format!("{} · {}", m.code(), state.t(moment_key(m)));
            radio("invite-moment", m.code(), moment, m, changed, label)
        })
        .collect_view();
    let member_options = std::iter::once(String::new())
        .chain(members)
        .map(|m| {
            let label = m.clone();
            let value = m.clone();
            view! {
                <option value=value selected=move || member.get() == m>
                    {move || if label.is_empty() {
                        state.t("pro.respondent.main")
                    } else {
                        state.member_label(&label)
                    }}
                </option>
            }
        })
        .collect_view();
    let lang_options = Lang::ALL
        .into_iter()
        .map(|l| {
            radio("invite-lang", l.code(), lang, l, changed, move || {
                state.t(l.name_key())
            })
        })
        .collect_view();
    let back = handle
        .ws
        .with_untracked(|w| respondent_path(&w.id, &target.code));

    view! {
        <section class="pro-invite" data-testid="invite-page">
            <p class="no-print"><A href=back>{move || state.t("pro.respondent.back")}</A></p>
            <h1 tabindex="-1" class="no-print">{move || state.t("pro.invite.title")}</h1>
            <form class="no-print" on:submit=make data-testid="invite-form">
                <p>{move || state.tw("respondent.label", &[("code", &code.get_value())])}</p>
                <fieldset class="item">
                    <legend class="item-legend">{move || state.t("pro.invite.moment")}</legend>
                    <div class="options">{moment_options}</div>
                </fieldset>
                <label for="invite-member" class="field-label">{move || state.t("pro.invite.member")}</label>
                <select id="invite-member" class="text-input" data-testid="invite-member"
                    on:change=move |ev| { member.set(event_target_value(&ev)); changed(); }>
                    {member_options}
                </select>
                <label class="option option-check">
                    <input type="checkbox" data-testid="invite-with-key"
                        prop:checked=move || with_key.get()
                        on:change=move |ev| { with_key.set(event_target_checked(&ev)); changed(); }/>
                    <span>{move || state.t("pro.invite.with_key")}</span>
                </label>
                <p class="item-hint">{move || state.t("pro.invite.with_key_hint")}</p>
                <fieldset class="item">
                    <legend class="item-legend">{move || state.t("pro.invite.lang")}</legend>
                    <div class="options">{lang_options}</div>
                </fieldset>
                <button type="submit" class="button button-primary" data-testid="make-invitation">
                    {move || state.t("pro.invite.make")}
                </button>
            </form>
            {move || made.get().map(|m| view! { <Result made=m code=code.get_value()/> })}
        </section>
    }
}

/// One option of a radio group that sets `signal` to `value`.
fn radio<T: Copy + PartialEq + Send + Sync + 'static>(
    name: &'static str,
    code: &'static str,
    signal: RwSignal<T>,
    value: T,
    changed: impl Fn() + Copy + 'static,
    label: impl Fn() -> String + Send + 'static,
) -> impl IntoView {
    view! {
        <label class="option">
            <input type="radio" name=name value=code data-testid=format!("{name}-{code}")
                prop:checked=move || signal.get() == value
                on:change=move |_| { signal.set(value); changed(); }/>
            <span>{label}</span>
        </label>
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum CopyState {
    Idle,
    Copied,
    Failed,
    Shared,
}

/// The link, its length, the QR code and what to do with them.
#[component]
fn Result(made: Made, code: String) -> impl IntoView {
    let state = use_app_state();
    let copy_state = RwSignal::new(CopyState::Idle);
    let link = StoredValue::new(made.link.clone());
    let length = made.link.chars().count();
    let can_share = browser::can_share_link(&made.link);
    let heading = NodeRef::<leptos::html::H2>::new();
    // Focus the result so keyboard and screen reader users find it.
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            let _ = h.focus();
        }
    });
    let copy = move |_| {
        spawn_local(async move {
            let outcome = browser::copy_text(&link.get_value()).await;
            copy_state.set(if outcome.is_ok() {
                CopyState::Copied
            } else {
                CopyState::Failed
            });
        });
    };
    let share = move |_| {
        spawn_local(async move {
            let title = state.t("pro.print.title");
            if browser::share_link(&title, &link.get_value()).await.is_ok() {
                copy_state.set(CopyState::Shared);
            }
        });
    };
    let who = who_when(state, &code, made.member.as_deref(), made.moment);
    let readers = if made.with_key {
        "pro.invite.readers_with_key"
    } else {
        "pro.invite.readers_researcher"
    };
    let qr_ok = made.qr.is_ok();
    let qr_view = match made.qr {
        Ok(qr) => {
            let size_key = qr.size_key();
            view! {
                <figure class="qr-figure">
                    <div class="qr" role="img" data-testid="invite-qr" data-version=qr.version
                        aria-label=move || state.t("pro.invite.qr_label") inner_html=qr.svg></div>
                    <figcaption class="no-print" data-testid="qr-size" data-version=qr.version>
                        {move || state.t(size_key)}
                    </figcaption>
                </figure>
            }
            .into_any()
        }
        Err(e) => view! {
            <div class="banner banner-error" role="alert" data-testid="qr-error">
                <p><ErrorPanel error=e/></p>
            </div>
        }
        .into_any(),
    };
    view! {
        <section class="invitation-result" data-testid="invitation-result">
            <h2 tabindex="-1" node_ref=heading class="no-print">{move || state.t("pro.invite.made")}</h2>
            <p class="no-print">{who}</p>
            <p class="no-print">{move || state.t(readers)}</p>
            // The printed sheet is read by the citizen: plain words (B1).
            <div class="print-only" data-testid="print-sheet">
                <h1>{move || state.t("pro.print.title")}</h1>
                <dl class="print-facts">
                    <dt>{move || state.t("pro.print.study")}</dt>
                    <dd data-testid="print-study">{made.study.clone()}</dd>
                    <dt>{move || state.t("pro.print.moment")}</dt>
                    <dd data-testid="print-moment">{move || state.t(moment_key(made.moment))}</dd>
                    <dt>{move || state.t("pro.print.professional")}</dt>
                    <dd data-testid="print-professional">{made.professional.clone()}</dd>
                    <dt>{move || state.t("pro.print.contact")}</dt>
                    <dd data-testid="print-contact">{made.contact.clone()}</dd>
                </dl>
                <p>{move || state.t("pro.print.scan")}</p>
            </div>
            {qr_view}
            // On paper the QR code is the way in; a long link to type over
            // only helps when there is no code.
            <p class="invite-link" class:no-print=qr_ok><code data-testid="invite-link">{made.link.clone()}</code></p>
            <p class="no-print" data-testid="link-length" data-length=length>
                {move || state.tw("pro.invite.length", &[("n", &length.to_string()), ("max", &LINK_PRINT_BUDGET.to_string())])}
            </p>
            {(!fits_print(length)).then(|| view! {
                <p class="banner banner-info no-print" data-testid="link-too-long">{move || state.t("pro.invite.too_long")}</p>
            })}
            <div class="send-actions">
                <button type="button" class="button button-primary" data-testid="copy-link" on:click=copy>
                    {move || state.t("pro.invite.copy")}
                </button>
                {can_share.then(|| view! {
                    <button type="button" class="button" data-testid="share-link" on:click=share>
                        {move || state.t("pro.invite.share")}
                    </button>
                })}
                <button type="button" class="button" data-testid="print-invitation" on:click=move |_| browser::print_page()>
                    {move || state.t("pro.invite.print")}
                </button>
            </div>
            <div role="status" aria-live="polite" class="no-print" data-testid="copy-status">
                {move || match copy_state.get() {
                    CopyState::Idle => None,
                    CopyState::Copied => Some(view! { <p class="banner banner-success">{state.t("pro.invite.copied")}</p> }.into_any()),
                    CopyState::Shared => Some(view! { <p class="banner banner-success">{state.t("pro.invite.shared")}</p> }.into_any()),
                    CopyState::Failed => Some(view! { <p class="banner banner-error">{state.t("pro.invite.copy_failed")}</p> }.into_any()),
                }}
            </div>
        </section>
    }
}
