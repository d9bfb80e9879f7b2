//! The house rules that the compiler does not check: no two modules import each other,
//! and the core never touches the terminal.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module path of a file: `src/tui/ui/mod.rs` is `tui::ui`, `src/lib.rs` is ``.
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).expect("under src");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap_or_default();
    let stem = last.trim_end_matches(".rs");
    if !matches!(stem, "mod" | "lib" | "main") {
        parts.push(stem.to_string());
    }
    parts.join("::")
}

/// The code of a file without its `#[cfg(test)]` module and without comments.
fn code_without_tests(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(i) => &text[..i],
        None => text,
    };
    text.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The paths a file names: `crate::a::b` and `super::a`, resolved against `module`.
fn named_paths(module: &str, code: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let ident = |c: char| c.is_alphanumeric() || c == '_' || c == ':';
    for (i, _) in code
        .match_indices("crate::")
        .chain(code.match_indices("super::"))
    {
        if i > 0 && code[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let tail: String = code[i..].chars().take_while(|c| ident(*c)).collect();
        let mut segments: Vec<String> = tail
            .split("::")
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        let mut base: Vec<String> = if segments[0] == "crate" {
            Vec::new()
        } else {
            module.split("::").map(str::to_string).collect()
        };
        while segments
            .first()
            .is_some_and(|s| s == "super" || s == "crate")
        {
            if segments.remove(0) == "super" {
                base.pop();
            }
        }
        base.extend(segments);
        out.push(base);
    }
    out
}

/// The child modules of `module` that its code names by a relative path (`child::x`).
fn named_children<'a>(module: &str, code: &str, modules: &'a BTreeSet<String>) -> Vec<&'a String> {
    let prefix = if module.is_empty() {
        String::new()
    } else {
        format!("{module}::")
    };
    modules
        .iter()
        .filter(|m| {
            let Some(child) = m.strip_prefix(&prefix) else {
                return false;
            };
            !child.is_empty()
                && !child.contains("::")
                && code.match_indices(&format!("{child}::")).any(|(i, _)| {
                    !code[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ':')
                })
        })
        .collect()
}

/// The module graph: which module names which, by the longest known module prefix.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let modules: BTreeSet<String> = files.iter().map(|f| module_of(&src, f)).collect();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        if file.ends_with("main.rs") {
            continue;
        }
        let module = module_of(&src, file);
        let text = std::fs::read_to_string(file).expect("read");
        let code = code_without_tests(&text);
        for child in named_children(&module, &code, &modules) {
            edges
                .entry(module.clone())
                .or_default()
                .insert(child.clone());
        }
        for path in named_paths(&module, &code) {
            let target = (1..=path.len())
                .rev()
                .map(|n| path[..n].join("::"))
                .find(|p| modules.contains(p));
            if let Some(target) = target
                && target != module
                && !module.is_empty()
            {
                edges.entry(module.clone()).or_default().insert(target);
            }
        }
    }
    edges
}

#[test]
fn no_two_modules_import_each_other() {
    let edges = graph();
    let mut loops = Vec::new();
    for (a, targets) in &edges {
        for b in targets {
            if a < b && edges.get(b).is_some_and(|t| t.contains(a)) {
                loops.push(format!("{a} <-> {b}"));
            }
        }
    }
    assert!(
        loops.is_empty(),
        "modules that import each other: {loops:?}"
    );
    // The graph is not empty: the test would notice a loop.
    assert!(
        edges
            .get("cli::diagnose")
            .is_some_and(|t| t.contains("diagnose"))
    );
}

#[test]
fn the_core_never_imports_the_terminal() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    // The core: every file outside the console (tui/) and the commands (cli/).
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let core: Vec<_> = files
        .iter()
        .filter(|f| {
            let relative = f.strip_prefix(&src).expect("under src");
            !["tui", "cli", "main.rs"]
                .iter()
                .any(|outside| relative.starts_with(outside))
        })
        .collect();
    assert!(core.len() > 20, "{core:?}");
    for file in core {
        let text = std::fs::read_to_string(file).expect("read");
        for terminal in ["ratatui", "crossterm", "crate::tui"] {
            assert!(
                !text.contains(terminal),
                "{} names {terminal}",
                file.display()
            );
        }
    }
    for dir in ["checks", "diagnose"] {
        let mut files = Vec::new();
        if src.join(dir).is_dir() {
            rust_files(&src.join(dir), &mut files);
        } else {
            files.push(src.join(format!("{dir}.rs")));
        }
        assert!(!files.is_empty(), "{dir}");
        for file in files {
            let text = std::fs::read_to_string(&file).expect("read");
            for terminal in ["ratatui", "crossterm", "crate::tui"] {
                assert!(
                    !text.contains(terminal),
                    "{} names {terminal}",
                    file.display()
                );
            }
        }
    }
}

/// The README's Security section names, for each guarantee, the tests that keep it:
/// every test it names exists (a function, or a snapshot), so a renamed or deleted
/// test cannot leave a guarantee claimed and untested.
#[test]
fn every_test_the_security_section_names_exists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README");
    let start = readme.find("\n## Security").expect("a Security section");
    let section = &readme[start + 1..];
    let section = &section[..section[3..].find("\n## ").map_or(section.len(), |e| e + 3)];
    let mut sources = Vec::new();
    rust_files(&root.join("src"), &mut sources);
    rust_files(&root.join("tests"), &mut sources);
    let code: String = sources
        .iter()
        .map(|f| std::fs::read_to_string(f).expect("read"))
        .collect();
    let mut named = 0;
    // The last cell of each table row names the tests: `file.rs::name`,
    // `module::tests::name`, a snapshot's name, or a `CASES` row in words.
    let cells = section
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| Guarantee"))
        .filter_map(|l| l.trim_end_matches(" |").rsplit(" | ").next());
    for span in cells.flat_map(|cell| cell.split('`').skip(1).step_by(2)) {
        let name = span.rsplit("::").next().unwrap_or(span);
        let snake = name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c == '_' || c.is_ascii_digit());
        if !snake || name.ends_with(".rs") {
            continue;
        }
        named += 1;
        assert!(
            code.contains(&format!("fn {name}(")) || code.contains(&format!("fn {name}_")),
            "the Security section names `{span}`, which is no test"
        );
    }
    assert!(
        named >= 20,
        "only {named} tests named: did the format change?"
    );
}
