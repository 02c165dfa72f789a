//! The contract between the window and the desktop shell, generated: every
//! `#[tauri::command]` in src-tauri/src, with its argument names and types and what it
//! returns, is written to `ui/src/bindings/commands.ts` when `cargo test` runs. `api.ts`
//! calls commands only through that map, so a renamed command, a changed argument or a new
//! return type is a type error in the UI's check, not a failure at run time. CI fails when
//! the committed file differs (scripts/test.sh's bindings check).

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// One command as the shell declares it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Command {
    name: String,
    /// (name, Rust type) of the arguments the window passes (State, AppHandle and the
    /// window are Tauri's own and not passed).
    args: Vec<(String, String)>,
    /// The Rust type of a successful answer.
    returns: String,
}

fn shell_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../src-tauri/src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// Splits `text` at commas outside <>, () and [].
fn split_top(text: &str) -> Vec<String> {
    let (mut depth, mut cur, mut out) = (0i32, String::new(), Vec::new());
    for c in text.chars() {
        match c {
            '<' | '(' | '[' => depth += 1,
            '>' | ')' | ']' => depth -= 1,
            ',' if depth == 0 => {
                out.push(cur.trim().to_owned());
                cur.clear();
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().to_owned());
    }
    out
}

/// The commands declared in one source file.
fn commands_in(source: &str) -> Vec<Command> {
    let mut out = Vec::new();
    let mut rest = source;
    while let Some(at) = rest.find("#[tauri::command") {
        rest = &rest[at..];
        let fn_at = rest.find("fn ").unwrap();
        let after = &rest[fn_at + 3..];
        let open = after.find('(').unwrap();
        let name = after[..open].trim().to_owned();
        // The parameter list: up to the matching parenthesis.
        let mut depth = 0;
        let mut close = 0;
        for (i, c) in after[open..].char_indices() {
            match c {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        close = open + i;
                        break;
                    }
                }
                _ => {}
            }
        }
        let params = &after[open + 1..close];
        let tail = &after[close + 1..];
        let body = tail.find('{').unwrap();
        let ret = tail[..body].trim().trim_start_matches("->").trim();
        let returns = ret
            .strip_prefix("Answer<")
            .and_then(|r| r.strip_suffix('>'))
            .unwrap_or(if ret.is_empty() { "()" } else { ret })
            .to_owned();
        let args = split_top(params)
            .into_iter()
            .filter_map(|p| {
                let (n, t) = p.split_once(':')?;
                let t = t.trim().to_owned();
                let tauri_own = ["State<", "AppHandle", "Window", "WebviewWindow", "tauri::"];
                (!tauri_own.iter().any(|o| t.starts_with(o))).then(|| (n.trim().to_owned(), t))
            })
            .collect();
        out.push(Command {
            name,
            args,
            returns,
        });
        rest = &rest[fn_at..];
    }
    out
}

/// A Rust type as TypeScript writes it, noting the bindings it needs.
fn ts(rust: &str, imports: &mut BTreeSet<String>) -> String {
    let t = rust.trim();
    let inner = |prefix: &str| t.strip_prefix(prefix).and_then(|r| r.strip_suffix('>'));
    if let Some(i) = inner("Option<") {
        return format!("{} | null", ts(i, imports));
    }
    if let Some(i) = inner("Vec<") {
        return format!("Array<{}>", ts(i, imports));
    }
    if let Some(i) = inner("Channel<") {
        imports.insert("Channel".into());
        return format!("Channel<{}>", ts(i, imports));
    }
    if let Some(items) = t.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        if !items.trim().is_empty() {
            let parts: Vec<String> = split_top(items).iter().map(|p| ts(p, imports)).collect();
            return format!("[{}]", parts.join(", "));
        }
    }
    match t {
        "()" => "void".into(),
        // Raw bytes (tauri::ipc::Response) arrive as an ArrayBuffer.
        "Response" => "ArrayBuffer".into(),
        "String" | "PathBuf" | "&str" => "string".into(),
        "bool" => "boolean".into(),
        "u8" | "u16" | "u32" | "u64" | "usize" | "i32" | "i64" | "f32" | "f64" => "number".into(),
        _ => {
            let name = t.rsplit("::").next().unwrap_or(t).to_owned();
            imports.insert(name.clone());
            name
        }
    }
}

/// The names `generate_handler!` registers, without their module paths.
fn registered(main: &str) -> BTreeSet<String> {
    let start = main.find("generate_handler![").unwrap() + "generate_handler![".len();
    let end = start + main[start..].find(']').unwrap();
    main[start..end]
        .split(',')
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .map(|s| s.rsplit("::").next().unwrap().to_owned())
        .collect()
}

fn commands_ts(commands: &[Command]) -> String {
    let mut imports = BTreeSet::new();
    let mut body = String::new();
    for c in commands {
        let args = if c.args.is_empty() {
            "Record<string, never>".to_owned()
        } else {
            let fields: Vec<String> = c
                .args
                .iter()
                .map(|(n, t)| format!("{n}: {}", ts(t, &mut imports)))
                .collect();
            format!("{{ {} }}", fields.join("; "))
        };
        let returns = ts(&c.returns, &mut imports);
        let _ = writeln!(
            body,
            "  {}: {{ args: {args}; returns: {returns} }};",
            c.name
        );
    }
    let mut out = String::from(
        "// Generated from the desktop's #[tauri::command]s (src-tauri/src) by\n// crates/boardpack/tests/it/ui_contract.rs when `cargo test` runs. Do not edit.\n",
    );
    if imports.remove("Channel") {
        out.push_str("import type { Channel } from \"@tauri-apps/api/core\";\n");
    }
    for i in &imports {
        let _ = writeln!(out, "import type {{ {i} }} from \"./{i}\";");
    }
    out.push_str(
        "\n/** Every command the desktop answers: its arguments (snake_case, as Tauri takes them)\n * and what a successful answer holds. */\nexport interface Commands {\n",
    );
    out.push_str(&body);
    out.push_str("}\n");
    out
}

#[test]
fn the_commands_map_for_the_window_is_written_from_the_shell() {
    let mut files = Vec::new();
    rust_files(&shell_dir(), &mut files);
    let mut commands = Vec::new();
    for f in &files {
        commands.extend(commands_in(&std::fs::read_to_string(f).unwrap()));
    }
    commands.sort_by(|a, b| a.name.cmp(&b.name));
    // Every command declared is registered, and every registered one declared.
    let main = std::fs::read_to_string(shell_dir().join("main.rs")).unwrap();
    let declared: BTreeSet<String> = commands.iter().map(|c| c.name.clone()).collect();
    assert_eq!(declared, registered(&main));
    let text = commands_ts(&commands);
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/bindings/commands.ts");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
        std::fs::write(&path, &text).unwrap();
    }
}

#[test]
fn signatures_are_read_as_tauri_sees_them() {
    let source = r#"
#[tauri::command(rename_all = "snake_case")]
pub async fn export_pack(
    app: AppHandle,
    db: State<'_, Database>,
    meeting_id: MeetingId,
    out: PathBuf,
    on_progress: Channel<PackProgress>,
) -> Answer<PackReport> {
    todo()
}

#[tauri::command]
pub fn database_path(db: State<'_, Database>) -> Answer<Option<Vec<String>>> { x }

#[tauri::command(rename_all = "snake_case")]
pub async fn set_objectives(objectives: Vec<(Option<ObjectiveId>, String)>) -> Answer<Response> { x }
"#;
    let c = commands_in(source);
    assert_eq!(c.len(), 3);
    assert_eq!(c[0].name, "export_pack");
    assert_eq!(
        c[0].args,
        [
            ("meeting_id".to_owned(), "MeetingId".to_owned()),
            ("out".to_owned(), "PathBuf".to_owned()),
            ("on_progress".to_owned(), "Channel<PackProgress>".to_owned()),
        ]
    );
    let ts_text = commands_ts(&c);
    assert!(ts_text.contains("  export_pack: { args: { meeting_id: MeetingId; out: string; on_progress: Channel<PackProgress> }; returns: PackReport };"), "{ts_text}");
    assert!(
        ts_text.contains(
            "  database_path: { args: Record<string, never>; returns: Array<string> | null };"
        ),
        "{ts_text}"
    );
    assert!(ts_text.contains("import type { Channel } from \"@tauri-apps/api/core\";"));
    assert!(ts_text.contains("  set_objectives: { args: { objectives: Array<[ObjectiveId | null, string]> }; returns: ArrayBuffer };"), "{ts_text}");
}
