//! Every `sigtoken` command in the README's code blocks, run as written: through `sh`,
//! in a fresh folder and HOME, with the worked example's certificate exported. Each must
//! exit with the status its shown output implies and print that output. An example that
//! cannot run here (the console needs a terminal) names the test that covers it in
//! `COVERED_ELSEWHERE`; any other example that fails to run as written fails this test.

mod common;

use common::example::APP_CERTIFICATE;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Examples that need what this test cannot give (a terminal): the example as written
/// (without its comment), and the file and name of the test that covers it.
const COVERED_ELSEWHERE: &[(&str, &str, &str)] = &[(
    "sigtoken",
    "tests/pty.rs",
    "opens_on_the_worked_example_and_quits_cleanly",
)];

/// The variables the README's examples use, as a reader would have set them.
/// Only the certificate, which the README asks the reader to set: every other value an
/// example uses, the example's own block sets.
const VARIABLES: &[(&str, &str)] = &[("AGORA_APP_CERTIFICATE", APP_CERTIFICATE)];

/// A fenced block of the README: its first line's number, its info string (`sh`), its
/// lines, and the line after its closing fence.
struct Block {
    line: usize,
    info: String,
    lines: Vec<String>,
    end: usize,
}

fn blocks(readme: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut open: Option<Block> = None;
    for (i, line) in readme.lines().enumerate() {
        match (line.strip_prefix("```"), open.take()) {
            (Some(info), None) => {
                let (line, info) = (i + 2, info.trim().to_string());
                let end = 0;
                open = Some(Block {
                    line,
                    info,
                    lines: Vec::new(),
                    end,
                });
            }
            (Some(_), Some(mut block)) => {
                block.end = i + 2;
                blocks.push(block);
            }
            (None, Some(mut block)) => {
                block.lines.push(line.to_string());
                open = Some(block);
            }
            (None, None) => {}
        }
    }
    blocks
}

/// One `sigtoken` example: where it is, the shell lines run before it in its block
/// (`export`, `mkdir`), the command, and the output the README shows for it.
struct Example {
    line: usize,
    setup: Vec<String>,
    command: String,
    shown: Option<String>,
}

/// Whether a shell line runs `sigtoken`: some stage of its pipeline starts with it,
/// after any `NAME=value` assignments.
fn runs_sigtoken(line: &str) -> bool {
    line.split('|').any(|stage| {
        let mut words = stage.split_whitespace().skip_while(|w| {
            w.split_once('=')
                .is_some_and(|(name, _)| !name.is_empty() && !name.starts_with('-'))
        });
        words.next() == Some("sigtoken")
    })
}

/// A line without its trailing comment.
fn without_comment(line: &str) -> &str {
    line.split(" #").next().unwrap_or(line).trim_end()
}

/// The block's shell lines, continuations (`\` at the end) joined, with line numbers.
fn shell_lines(block: &Block) -> Vec<(usize, String)> {
    let mut lines: Vec<(usize, String)> = Vec::new();
    let mut continues = false;
    for (i, line) in block.lines.iter().enumerate() {
        match lines.last_mut() {
            Some((_, last)) if continues => {
                last.push('\n');
                last.push_str(line);
            }
            _ => lines.push((block.line + i, line.clone())),
        }
        continues = line.ends_with('\\');
    }
    lines
}

/// A line that prepares an example rather than being one: a variable set, a folder or
/// a file made.
fn is_setup(text: &str) -> bool {
    let assignment = text.split_once('=').is_some_and(|(name, _)| {
        !name.is_empty() && name.bytes().all(|b| b.is_ascii_uppercase() || b == b'_')
    });
    assignment
        || ["export ", "mkdir ", "printf "]
            .iter()
            .any(|p| text.starts_with(p))
}

fn examples(readme: &str) -> Vec<Example> {
    let blocks = blocks(readme);
    let mut examples: Vec<Example> = Vec::new();
    for (b, block) in blocks.iter().enumerate() {
        let mut setup = Vec::new();
        let first = examples.len();
        // Whether the line before was an example: a comment right under one is what it
        // prints.
        let mut under_example = false;
        for (line, text) in shell_lines(block) {
            let text = text.trim();
            match text.strip_prefix("# ") {
                Some(comment) if under_example => {
                    let last = examples.last_mut().unwrap();
                    last.shown = Some(format!("{comment}\n"));
                }
                Some(_) => {}
                None if is_setup(text) && !runs_sigtoken(text) => {
                    setup.push(text.to_string());
                }
                None if runs_sigtoken(text) => {
                    let command = without_comment(text).to_string();
                    let shown = None;
                    examples.push(Example {
                        line,
                        setup: setup.clone(),
                        command,
                        shown,
                    });
                }
                None => {}
            }
            under_example = runs_sigtoken(text) && !text.starts_with('#');
        }
        // An output block right under a shell block is what its last example prints.
        let next = blocks
            .get(b + 1)
            .filter(|n| n.info.is_empty() && n.line == block.end + 1);
        if let Some(next) = next.filter(|_| examples.len() > first) {
            let last = examples.last_mut().unwrap();
            last.shown = Some(next.lines.iter().map(|l| format!("{l}\n")).collect());
        }
    }
    examples
}

/// The status the shown output implies: 1 for a negative verdict, else 0.
fn implied_status(shown: Option<&str>) -> i32 {
    let negative = ["invalid:", "Verdict: rejected"];
    match shown {
        Some(text) if negative.iter().any(|n| text.starts_with(n)) => 1,
        _ => 0,
    }
}

/// A fresh folder with a HOME inside, and nothing else: an example makes what it reads.
fn fresh_folder(n: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sigtoken-readme-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("home")).unwrap();
    dir
}

/// Runs the example's setup and command under `sh -eu` (an unset variable fails), with
/// the built binary first on PATH and nothing from the host's environment.
fn run(example: &Example, dir: &Path) -> std::process::Output {
    let bin = Path::new(env!("CARGO_BIN_EXE_sigtoken")).parent().unwrap();
    let script = [example.setup.clone(), vec![example.command.clone()]].concat();
    let mut sh = Command::new("sh");
    sh.args(["-eu", "-c", &script.join("\n")])
        .current_dir(dir)
        .env_clear()
        .env("PATH", format!("{}:/usr/bin:/bin", bin.display()))
        .env("HOME", dir.join("home"));
    for (name, value) in VARIABLES {
        sh.env(name, value);
    }
    sh.output().unwrap()
}

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

#[test]
fn every_readme_example_runs_as_written_or_names_its_test() {
    let examples = examples(&readme());
    assert!(
        examples.len() >= 10,
        "found only {} examples",
        examples.len()
    );
    for (n, example) in examples.iter().enumerate() {
        let at = format!("README.md:{}: {}", example.line, example.command);
        if let Some(row) = COVERED_ELSEWHERE.iter().find(|r| r.0 == example.command) {
            eprintln!("{at}: covered by {}::{}", row.1, row.2);
            continue;
        }
        let dir = fresh_folder(n);
        let out = run(example, &dir);
        let (stdout, stderr) = (
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
        );
        let status = implied_status(example.shown.as_deref());
        assert_eq!(out.status.code(), Some(status), "{at}\n{stdout}{stderr}");
        if let Some(shown) = &example.shown {
            assert_eq!(&stdout, shown, "{at}: the README shows other output");
        }
        assert!(!stderr.contains("panicked"), "{at}: {stderr}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

#[test]
fn every_example_covered_elsewhere_is_in_the_readme_and_its_test_exists() {
    let examples = examples(&readme());
    for (command, file, test) in COVERED_ELSEWHERE {
        assert!(
            examples.iter().any(|e| e.command == *command),
            "{command}: no longer in the README; remove its row"
        );
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
        let code = std::fs::read_to_string(&path).unwrap();
        assert!(
            code.contains(&format!("fn {test}(")),
            "{file} has no test {test}"
        );
    }
}

#[test]
fn the_extractor_finds_each_form_of_example() {
    let readme = "```sh\nexport X=1\nsigtoken a \\\n    --b c   # note\n```\n\
                  ```\nshown\n```\n\n```sh\nA=1 sigtoken d\n# out\n\
                  echo x | sigtoken e -\ncargo install x\nman sigtoken\n```\n```\nnot\n```\n";
    let found = examples(readme);
    let commands: Vec<_> = found.iter().map(|e| e.command.as_str()).collect();
    assert_eq!(
        commands,
        [
            "sigtoken a \\\n    --b c",
            "A=1 sigtoken d",
            "echo x | sigtoken e -"
        ]
    );
    assert_eq!(found[0].setup, ["export X=1"]);
    assert_eq!(found[1].setup, Vec::<String>::new());
    // An output block right under a shell block, and a comment right under an example.
    assert_eq!(found[0].shown.as_deref(), Some("shown\n"));
    assert_eq!(found[1].shown.as_deref(), Some("out\n"));
    assert_eq!(found[2].shown.as_deref(), Some("not\n"));
    assert_eq!(implied_status(Some("invalid: 206 …")), 1);
    assert_eq!(implied_status(Some("Verdict: rejected with 206")), 1);
    assert_eq!(implied_status(Some("1:abc")), 0);
}
