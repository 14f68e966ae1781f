//! Test helpers: a temporary copy of the repository's data, and the real binary.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The repository root (where Cargo.toml is).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A temporary folder holding a copy of `criteria/` and the bundled study, laid out as in
/// the repository so the study's relative paths work.
pub struct Workdir {
    pub dir: tempfile::TempDir,
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

impl Workdir {
    /// An empty work folder.
    pub fn empty() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// A work folder with the bundled study and the criteria.
    pub fn bundled() -> Self {
        let w = Self::empty();
        copy_dir(&repo().join("criteria"), &w.path().join("criteria"));
        copy_dir(
            &repo().join("datasets/probolinggo"),
            &w.path().join("datasets/probolinggo"),
        );
        w
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        let p = self.path().join(name);
        if let Some(d) = p.parent() {
            std::fs::create_dir_all(d).unwrap();
        }
        std::fs::write(&p, text).unwrap();
        p
    }

    pub fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path().join(name)).unwrap()
    }

    /// Replaces text in a file of the work folder (the change must apply).
    pub fn edit(&self, name: &str, from: &str, to: &str) {
        let text = self.read(name);
        assert!(text.contains(from), "{name} does not contain {from:?}");
        std::fs::write(self.path().join(name), text.replacen(from, to, 1)).unwrap();
    }

    /// The unggul binary, run in this folder.
    pub fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("unggul").unwrap();
        c.current_dir(self.path());
        // The one clock that reaches a report; a CI machine may set it.
        c.env_remove("SOURCE_DATE_EPOCH");
        c
    }

    /// Runs unggul with `args` and expects success (stderr shown otherwise).
    pub fn ok(&self, args: &[&str]) -> std::process::Output {
        let out = self.cmd().args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }
}
