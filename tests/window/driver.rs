//! Driving the real app window: one WebDriver session per test through tauri-driver
//! (which starts the built `boardpack-desktop` on a given database under WebKitWebDriver),
//! plus the few waits and actions the journeys need. Every helper waits for the UI rather
//! than sleeping, and every session is closed, even when the test body panics, because
//! tauri-driver serves one session at a time.

use std::future::Future;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

use boardpack_e2e::{app_binary, screenshot_dir};

/// How long a wait lasts before the test fails: generous, since a debug build under Xvfb
/// on two cores is slow to start.
const PATIENCE: Duration = Duration::from_secs(20);

/// Where tauri-driver listens: `TAURI_DRIVER_URL`, else its default port on localhost.
fn driver_url() -> String {
    std::env::var("TAURI_DRIVER_URL").unwrap_or_else(|_| "http://127.0.0.1:4444".to_owned())
}

/// The app's window, seen through WebDriver.
#[derive(Debug, Clone)]
pub struct Window {
    client: Client,
}

/// Opens the app on `db` (passed as `--db`), runs `body` against its window, then closes
/// the session, which quits the app. A panic in `body` fails the test after the session is
/// closed, with a screenshot saved as `failed-<name>.png`.
pub async fn with_app<F, Fut>(name: &str, db: &Path, body: F)
where
    F: FnOnce(Window) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let window = open(db).await;
    // A spawned task turns a panic into an error here instead of unwinding past close().
    let outcome = tokio::spawn(body(window.clone())).await;
    if outcome.is_err() {
        if let Ok(path) = window.screenshot(&format!("failed-{name}")).await {
            eprintln!("screenshot of the failure: {}", path.display());
        }
    }
    if let Err(e) = window.client.clone().close().await {
        eprintln!("closing the WebDriver session failed: {e}");
    }
    if let Err(e) = outcome {
        match e.try_into_panic() {
            Ok(panic) => std::panic::resume_unwind(panic),
            Err(e) => panic!("the test body did not finish: {e}"),
        }
    }
}

async fn open(db: &Path) -> Window {
    let app = app_binary();
    let capabilities = json!({
        "browserName": "wry",
        "tauri:options": {
            "application": app,
            "args": ["--db", db],
        },
    });
    let serde_json::Value::Object(capabilities) = capabilities else {
        unreachable!("a JSON object literal")
    };
    let url = driver_url();
    let client = ClientBuilder::new(HttpConnector::new())
        .capabilities(capabilities)
        .connect(&url)
        .await
        .unwrap_or_else(|e| {
            panic!("cannot start the app through tauri-driver at {url}: {e}. Run the window tests with scripts/e2e.sh, which starts tauri-driver under Xvfb.")
        });
    Window { client }
}

impl Window {
    /// The element `css` selects, once it is there.
    pub async fn find(&self, css: &str) -> Element {
        self.client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element matches {css:?}: {e}"))
    }

    /// Every element `css` selects now (perhaps none).
    pub async fn find_all(&self, css: &str) -> Vec<Element> {
        self.client
            .find_all(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("cannot look for {css:?}: {e}"))
    }

    /// The visible text of the element `css` selects.
    pub async fn text(&self, css: &str) -> String {
        let element = self.find(css).await;
        element
            .text()
            .await
            .unwrap_or_else(|e| panic!("cannot read the text of {css:?}: {e}"))
    }

    /// Waits until the element `css` selects shows text containing `wanted`; returns it all.
    pub async fn wait_for_text(&self, css: &str, wanted: &str) -> String {
        let start = Instant::now();
        loop {
            let seen = match self.client.find(Locator::Css(css)).await {
                Ok(element) => element.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            if seen.contains(wanted) {
                return seen;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "{css:?} never showed {wanted:?}; last seen: {seen:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn click(&self, css: &str) {
        // As a person would: once the control is there and enabled (a button waits for
        // the data it acts on, which loads after the window opens).
        let start = Instant::now();
        let element = loop {
            let element = self.find(css).await;
            if element.is_enabled().await.unwrap_or(false) {
                break element;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "{css:?} stayed disabled, so it could not be clicked"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        };
        element
            .click()
            .await
            .unwrap_or_else(|e| panic!("cannot click {css:?}: {e}"));
    }

    /// Types `text` into the field `css` selects, as a user would, after clearing it.
    pub async fn fill(&self, css: &str, text: &str) {
        let element = self.find(css).await;
        element
            .clear()
            .await
            .unwrap_or_else(|e| panic!("cannot clear {css:?}: {e}"));
        element
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("cannot type into {css:?}: {e}"));
    }

    /// Presses `key` in the element `css` selects.
    pub async fn press(&self, css: &str, key: Key) {
        let key: char = key.into();
        let element = self.find(css).await;
        element
            .send_keys(&key.to_string())
            .await
            .unwrap_or_else(|e| panic!("cannot press {key:?} in {css:?}: {e}"));
    }

    /// Presses `keys` and then types `then` in the element `css` selects, all in one go:
    /// `chord(css, &[Key::Alt, Key::Up], "")` is Alt+Up, `chord(css, &[Key::Control], "s")`
    /// is Ctrl+S (WebDriver holds a modifier down until the end of the call).
    pub async fn chord(&self, css: &str, keys: &[Key], then: &str) {
        let mut text: String = keys.iter().map(|k| char::from(*k)).collect();
        text.push_str(then);
        let element = self.find(css).await;
        element
            .send_keys(&text)
            .await
            .unwrap_or_else(|e| panic!("cannot press {keys:?} in {css:?}: {e}"));
    }

    /// Presses `key` in whatever has the keyboard focus, as a user pressing it would.
    pub async fn press_focused(&self, key: Key) {
        let key: char = key.into();
        let element = self
            .client
            .active_element()
            .await
            .unwrap_or_else(|e| panic!("cannot find the focused element: {e}"));
        element
            .send_keys(&key.to_string())
            .await
            .unwrap_or_else(|e| panic!("cannot press {key:?} in the focused element: {e}"));
    }

    /// Form fields on screen that a screen reader could not name: no `<label>`, no
    /// `aria-label` and no `aria-labelledby`. Each is described by its id or name.
    pub async fn unlabelled_fields(&self) -> Vec<String> {
        let found = self
            .run_js(
                "return [...document.querySelectorAll('input, select, textarea')]
                    .filter(e => e.type !== 'hidden' && e.offsetParent !== null)
                    .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')
                        && !e.getAttribute('aria-labelledby'))
                    .map(e => e.id || e.name || e.outerHTML.slice(0, 80));",
            )
            .await;
        serde_json::from_value(found).unwrap_or_default()
    }

    /// Waits until `script` (a function body) returns `true`; `what` says what is awaited.
    pub async fn wait_until(&self, what: &str, script: &str) {
        let start = Instant::now();
        loop {
            if self.run_js(script).await == serde_json::Value::Bool(true) {
                return;
            }
            assert!(start.elapsed() < PATIENCE, "timed out waiting until {what}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Presses Enter in the field `css` selects (submitting its form).
    pub async fn press_enter(&self, css: &str) {
        self.press(css, Key::Enter).await;
    }

    /// Runs `script` in the page (as a function body; `return` gives the answer).
    pub async fn run_js(&self, script: &str) -> serde_json::Value {
        self.client
            .execute(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("the script failed: {e}\n{script}"))
    }

    /// The id of the element that has the keyboard focus.
    pub async fn focused_id(&self) -> String {
        let id = self
            .run_js("return document.activeElement && document.activeElement.id;")
            .await;
        id.as_str().unwrap_or_default().to_owned()
    }

    /// Chooses the option whose value is `value` in the select `css` picks.
    pub async fn select(&self, css: &str, value: &str) {
        let element = self.find(css).await;
        element
            .select_by_value(value)
            .await
            .unwrap_or_else(|e| panic!("cannot choose {value:?} in {css:?}: {e}"));
    }

    /// The document's title.
    pub async fn title(&self) -> String {
        self.client
            .title()
            .await
            .unwrap_or_else(|e| panic!("cannot read the window title: {e}"))
    }

    /// Saves a screenshot of the window's content as `target/e2e-screenshots/<name>.png`.
    pub async fn screenshot(&self, name: &str) -> Result<PathBuf, String> {
        // Wait for two frames, so the picture shows the page as it is now (a first
        // session's screenshot once showed the page as first painted).
        let painted = "const done = arguments[arguments.length - 1];
            requestAnimationFrame(() => requestAnimationFrame(() => done(null)));";
        self.client
            .execute_async(painted, vec![])
            .await
            .map_err(|e| e.to_string())?;
        let png = self.client.screenshot().await.map_err(|e| e.to_string())?;
        let path = screenshot_dir().join(format!("{name}.png"));
        std::fs::write(&path, png).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(path)
    }

    /// As [`Window::screenshot`], failing the test if it cannot be taken.
    pub async fn keep_screenshot(&self, name: &str) -> PathBuf {
        let path = self
            .screenshot(name)
            .await
            .unwrap_or_else(|e| panic!("cannot take the screenshot {name}: {e}"));
        eprintln!("screenshot: {}", path.display());
        path
    }
}
