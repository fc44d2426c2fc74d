//! No command loses an author's files or reads files from outside the site: the output
//! folder is checked before anything is replaced, staging folders are unique and cleaned up,
//! the swap is one step, `translations --mark` writes atomically, and every input follows
//! one rule for links, special files and sizes.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{build, fixture_site, irsite, irsite_command, snapshot, stderr};
use irsite::publish::{Staging, MARKER};

/// Every file and folder under `dir` (names only), to see that nothing was removed.
fn tree(dir: &Path) -> Vec<PathBuf> {
    let mut names: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .map(|e| e.path().strip_prefix(dir).unwrap().to_path_buf())
        .collect();
    names.sort();
    names
}

/// Staging folders anywhere under `dir`.
fn staging_folders(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".irsite-staging-"))
        .map(|e| e.into_path())
        .collect()
}

#[cfg(unix)]
fn symlink(target: &Path, link: &Path) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

// ---------------------------------------------------------------------------
// The output folder (items 1, 5, 17)
// ---------------------------------------------------------------------------

/// `build --output X` for an X that is the site, a source folder, an ancestor of the site or
/// a folder irsite did not write: refused with a clear error, nothing renamed or removed.
#[test]
fn output_that_would_delete_sources_or_foreign_files_is_refused() {
    let site = fixture_site("basic");
    let root = site.path().to_path_buf();
    let home = tempfile::tempdir().unwrap();
    fs::write(home.path().join("notes.txt"), "an unrelated file\n").unwrap();
    fs::create_dir_all(root.join("docs")).unwrap();
    fs::write(root.join("docs/guide.md"), "the author's docs\n").unwrap();
    let cases: Vec<(String, &str)> = vec![
        (".".into(), "the site's folder"),
        (root.display().to_string(), "the site's folder"),
        (root.parent().unwrap().display().to_string(), "the site's folder or holds it"),
        ("content".into(), "`content` folder"),
        ("content/data".into(), "`content` folder"),
        ("content/ja".into(), "`content` folder"),
        ("locales".into(), "`locales` folder"),
        ("themes".into(), "`themes` folder"),
        ("themes/default/static/out".into(), "inside the site's `themes` folder"),
        ("docs".into(), "holds files irsite did not write"),
        (home.path().display().to_string(), "holds files irsite did not write"),
    ];
    let before = tree(&root);
    for (output, message) in cases {
        let result = irsite(&root, &["build", "--output", &output]);
        let err = stderr(&result);
        assert_eq!(result.status.code(), Some(1), "--output {output}: {err}");
        assert!(err.contains(message), "--output {output}: expected `{message}` in:\n{err}");
        assert_eq!(tree(&root), before, "--output {output} changed the site");
        assert!(home.path().join("notes.txt").is_file());
        assert!(staging_folders(&root).is_empty(), "--output {output} left a staging folder");
    }
}

#[test]
fn output_that_is_empty_or_a_previous_build_is_replaced() {
    let site = fixture_site("basic");
    let out = site.path().join("public");
    fs::create_dir(&out).unwrap();
    let first = build(site.path(), &out, &[]);
    assert!(first.status.success(), "an empty folder is replaced: {}", stderr(&first));
    assert!(out.join(MARKER).is_file(), "every build leaves its marker");
    fs::write(out.join("stale.html"), "from an earlier build").unwrap();
    let second = build(site.path(), &out, &[]);
    assert!(second.status.success(), "{}", stderr(&second));
    assert!(!out.join("stale.html").exists(), "the previous build is replaced as a whole");
}

/// `public -> elsewhere`: the build goes to the link's target and the link stays a link.
#[cfg(unix)]
#[test]
fn symlinked_output_is_written_through_to_its_target() {
    let site = fixture_site("basic");
    let deploy = tempfile::tempdir().unwrap();
    let target = deploy.path().join("site");
    let link = site.path().join("public");
    symlink(&target, &link);
    // A link to nothing is refused.
    let dangling = build(site.path(), &link, &[]);
    assert_eq!(dangling.status.code(), Some(1));
    assert!(stderr(&dangling).contains("symbolic link to nothing"), "{}", stderr(&dangling));
    fs::create_dir(&target).unwrap();
    for round in 0..2 {
        let result = build(site.path(), &link, &[]);
        assert!(result.status.success(), "round {round}: {}", stderr(&result));
        assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link is kept");
        assert!(target.join("ja/index.html").is_file(), "the site is in the link's target");
        assert!(staging_folders(deploy.path()).is_empty() && staging_folders(site.path()).is_empty());
    }
}

// ---------------------------------------------------------------------------
// Staging folders and the swap (items 2, 3, 5)
// ---------------------------------------------------------------------------

/// Two builds of one process (as two containers both running as PID 1 would be) get folders
/// of their own, and both publish a whole site.
#[test]
fn concurrent_staging_folders_never_collide() {
    let site = fixture_site("basic");
    let out = site.path().join("public");
    let a = Staging::create(&out, site.path()).unwrap();
    let b = Staging::create(&out, site.path()).unwrap();
    assert_ne!(a.path(), b.path());
    for (staging, text) in [(&a, "a"), (&b, "b")] {
        fs::write(staging.path().join("index.html"), text).unwrap();
    }
    a.publish().unwrap();
    b.publish().unwrap();
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "b");
    assert!(out.join(MARKER).is_file());
    assert!(staging_folders(site.path()).is_empty());
}

/// A staging folder of a build that is gone (its marker unlocked) is removed by the next build;
/// one of a running build (marker locked), or a folder that only looks similar, is kept.
#[test]
fn leftovers_of_dead_builds_are_removed_and_live_ones_kept() {
    let site = fixture_site("basic");
    let out = site.path().join("public");
    let dead = site.path().join(".public.irsite-staging-dead01");
    fs::create_dir_all(dead.join("ja")).unwrap();
    fs::write(dead.join(MARKER), "").unwrap();
    fs::write(dead.join("ja/index.html"), "half a site").unwrap();
    let live = site.path().join(".public.irsite-staging-live01");
    fs::create_dir(&live).unwrap();
    fs::write(live.join(MARKER), "").unwrap();
    let lock = fs::File::open(live.join(MARKER)).unwrap();
    lock.try_lock().unwrap();
    let unmarked = site.path().join(".public.irsite-staging-notours");
    fs::create_dir(&unmarked).unwrap();
    // Names of earlier versions of irsite, which once made every later build fail.
    for old in [".public.old-1", ".public.building-1"] {
        fs::create_dir_all(site.path().join(old).join("ja")).unwrap();
    }
    let result = build(site.path(), &out, &[]);
    assert!(result.status.success(), "{}", stderr(&result));
    assert!(!dead.exists(), "the dead build's folder is removed");
    assert!(live.join(MARKER).is_file(), "a running build's folder is kept");
    assert!(unmarked.is_dir(), "a folder without the marker is not irsite's to remove");
    drop(lock);
}

/// The output is never missing, not even for an instant, while builds replace it.
#[test]
fn the_output_never_disappears_during_a_swap() {
    let site = fixture_site("basic");
    let out = site.path().join("public");
    fs::create_dir(&out).unwrap();
    fs::write(out.join("index.html"), "first").unwrap();
    fs::write(out.join(MARKER), "").unwrap();
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let watcher = {
        let (out, done) = (out.clone(), done.clone());
        std::thread::spawn(move || {
            let mut missing = 0;
            while !done.load(std::sync::atomic::Ordering::SeqCst) {
                if fs::metadata(out.join("index.html")).is_err() {
                    missing += 1;
                }
            }
            missing
        })
    };
    for round in 0..300 {
        let staging = Staging::create(&out, site.path()).unwrap();
        fs::write(staging.path().join("index.html"), format!("round {round}")).unwrap();
        staging.publish().unwrap();
    }
    done.store(true, std::sync::atomic::Ordering::SeqCst);
    assert_eq!(watcher.join().unwrap(), 0, "the output was missing while it was swapped");
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "round 299");
}

/// A build that fails after staging began leaves no staging folder (nor does a refused one).
#[test]
fn a_failed_build_leaves_no_staging_folder() {
    let site = fixture_site("basic");
    let out = site.path().join("public");
    fs::create_dir_all(site.path().join("static/en/data")).unwrap();
    fs::write(site.path().join("static/en/data/sales-chart.csv"), "x\n").unwrap();
    let charts = fs::read_to_string(site.path().join("content/data/charts.toml")).unwrap();
    let id = charts.split("id = \"").nth(1).unwrap().split('"').next().unwrap();
    fs::rename(
        site.path().join("static/en/data/sales-chart.csv"),
        site.path().join(format!("static/en/data/{id}.csv")),
    )
    .unwrap();
    let result = build(site.path(), &out, &[]);
    assert_eq!(result.status.code(), Some(1), "{}", stderr(&result));
    assert!(stderr(&result).contains("would replace the generated file"), "{}", stderr(&result));
    assert!(staging_folders(site.path()).is_empty());
    assert!(!out.exists());
}

/// `serve` stopped with SIGTERM removes its temporary output.
#[cfg(unix)]
#[test]
fn serve_removes_its_preview_on_sigterm() {
    use std::io::{BufRead, BufReader};
    let (_dir, root) = common::check_site();
    let tmp = tempfile::tempdir().unwrap();
    let mut child = irsite_command(&root)
        .args(["serve", "--port", "0"])
        .env("TMPDIR", tmp.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let serving = BufReader::new(stdout).lines().map_while(Result::ok).find(|l| l.contains("serving "));
    assert!(serving.is_some(), "the server started");
    assert!(!tree(tmp.path()).is_empty(), "the preview is in TMPDIR");
    let killed = std::process::Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert!(!status.success());
    assert_eq!(tree(tmp.path()), vec![PathBuf::new()], "the preview is removed");
}

// ---------------------------------------------------------------------------
// translations --mark (item 4)
// ---------------------------------------------------------------------------

/// Killed while writing (here by the file-size limit), `--mark` leaves the page as it was.
#[cfg(unix)]
#[test]
fn mark_killed_while_writing_leaves_the_page_whole() {
    let site = fixture_site("basic");
    let page = site.path().join("content/en/results.md");
    let mut text = fs::read_to_string(&page).unwrap();
    text.push_str(&"A long paragraph of the translated page.\n".repeat(100));
    fs::write(&page, &text).unwrap();
    let result = std::process::Command::new("sh")
        .arg("-c")
        .arg("ulimit -f 1 && exec \"$0\" \"$@\"")
        .arg(common::BIN)
        .args(["--root", site.path().to_str().unwrap(), "translations", "--mark", "content/en/results.md"])
        .output()
        .unwrap();
    assert!(!result.status.success(), "the write is cut off by the size limit");
    assert_eq!(fs::read_to_string(&page).unwrap(), text, "the page is unchanged");
    // Without the limit the mark goes through.
    let ok = irsite(site.path(), &["translations", "--mark", "content/en/results.md"]);
    assert!(ok.status.success(), "{}", stderr(&ok));
    assert!(fs::read_to_string(&page).unwrap().contains("translation_of = "));
}

#[cfg(unix)]
#[test]
fn mark_never_writes_through_a_link_to_outside_the_site() {
    let site = fixture_site("basic");
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("results.md");
    let original = "+++\ntitle = \"Outside\"\ndescription = \"x\"\nweight = 1\n+++\nSECRET_OUTSIDE_TEXT\n";
    fs::write(&secret, original).unwrap();
    let page = site.path().join("content/en/results.md");
    fs::remove_file(&page).unwrap();
    symlink(&secret, &page);
    let result = irsite(site.path(), &["translations", "--mark", "content/en/results.md"]);
    let err = stderr(&result);
    assert_eq!(result.status.code(), Some(1), "{err}");
    assert!(err.contains("content/en/results.md") && err.contains("outside the site"), "{err}");
    assert!(!err.contains("SECRET_OUTSIDE_TEXT"), "{err}");
    assert_eq!(fs::read_to_string(&secret).unwrap(), original);
    assert!(fs::symlink_metadata(&page).unwrap().file_type().is_symlink());
}

// ---------------------------------------------------------------------------
// Inputs (item 6)
// ---------------------------------------------------------------------------

/// Each kind of input linked to a file outside the site (or to a device) is an error naming
/// the link, quoting none of the target, and the previous output stays.
#[cfg(unix)]
#[test]
fn inputs_linked_outside_the_site_are_refused_without_quoting_them() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret");
    fs::write(
        &secret,
        "+++\ntitle = \"T\"\ndescription = \"D\"\nweight = 1\n+++\nTOKEN=ghp_SECRET_VALUE\n[[chart]]\nbroken\n",
    )
    .unwrap();
    let cases: [(&str, Option<&Path>); 9] = [
        ("content/en/results.md", None),
        ("content/data/sales.csv", None),
        ("content/data/sales.toml", None),
        ("locales/en/fixture.ftl", None),
        ("themes/default/locales/en/theme.ftl", None),
        ("themes/default/templates/page.html", None),
        ("themes/default/static/css/site.css", None),
        ("content/ja/results.md", Some(Path::new("/dev/zero"))),
        ("content/data/sales.csv", Some(Path::new("/proc/self/environ"))),
    ];
    for (rel, target) in cases {
        let site = fixture_site("basic");
        let out = site.path().join("public");
        assert!(build(site.path(), &out, &[]).status.success());
        let before = snapshot(&out);
        let link = site.path().join(rel);
        assert!(link.is_file(), "{rel} is an input of the fixture");
        fs::remove_file(&link).unwrap();
        symlink(target.unwrap_or(&secret), &link);
        let result = build(site.path(), &out, &[]);
        let err = stderr(&result);
        assert_eq!(result.status.code(), Some(1), "{rel}: {err}");
        assert!(err.contains(rel) && err.contains("outside the site"), "{rel}: {err}");
        assert!(!err.contains("SECRET") && !err.contains("PATH="), "{rel}: the target is quoted:\n{err}");
        assert_eq!(snapshot(&out), before, "{rel}: the previous output changed");
    }
}

/// A folder on the way linked out of the site takes its plain files out too: each is refused
/// as the file links are, and none of them is quoted; a folder linked inside the site is read.
#[cfg(unix)]
#[test]
fn files_under_a_folder_linked_outside_the_site_are_refused() {
    let outside = tempfile::tempdir().unwrap();
    let secret = "+++\ntitle = \"T\"\ndescription = \"D\"\nweight = 1\n+++\nSECRET_FOLDER_TEXT\n";
    let site = fixture_site("basic");
    for file in ["_index.md", "results.md"] {
        fs::copy(site.path().join("content/en").join(file), outside.path().join(file)).unwrap();
    }
    fs::write(outside.path().join("results.md"), secret).unwrap();
    let out = site.path().join("public");
    assert!(build(site.path(), &out, &[]).status.success());
    let before = snapshot(&out);
    fs::rename(site.path().join("content/en"), site.path().join("en-inside")).unwrap();
    symlink(outside.path(), &site.path().join("content/en"));
    let result = build(site.path(), &out, &[]);
    let err = stderr(&result);
    assert_eq!(result.status.code(), Some(1), "{err}");
    assert!(err.contains("content/en/results.md") && err.contains("outside the site"), "{err}");
    assert!(!err.contains("SECRET_FOLDER_TEXT"), "{err}");
    assert_eq!(snapshot(&out), before, "the previous output changed");
    fs::remove_file(site.path().join("content/en")).unwrap();
    symlink(Path::new("../en-inside"), &site.path().join("content/en"));
    let result = build(site.path(), &out, &[]);
    assert!(result.status.success(), "{}", stderr(&result));
    assert!(out.join("en/results/index.html").is_file());
}

/// A FIFO or a link to a folder is not read (a FIFO would block the build forever).
#[cfg(unix)]
#[test]
fn special_files_are_refused_without_blocking() {
    for rel in ["content/en/results.md", "content/data/sales.csv", "locales/ja/extra.ftl", "static/feed.txt"] {
        let site = fixture_site("basic");
        let path = site.path().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        let _ = fs::remove_file(&path);
        assert!(std::process::Command::new("mkfifo").arg(&path).status().unwrap().success());
        let result = build(site.path(), &site.path().join("public"), &[]);
        let err = stderr(&result);
        assert_eq!(result.status.code(), Some(1), "{rel}: {err}");
        assert!(err.contains(rel) && err.contains("not a regular file"), "{rel}: {err}");
    }
    let site = fixture_site("basic");
    symlink(&site.path().join("content"), &site.path().join("themes/default/static/more"));
    let result = build(site.path(), &site.path().join("public"), &[]);
    assert!(stderr(&result).contains("static/more") && stderr(&result).contains("not a regular file"));
}

/// Links that stay inside the site are followed like the files they point at.
#[cfg(unix)]
#[test]
fn links_inside_the_site_are_followed() {
    let site = fixture_site("basic");
    fs::create_dir_all(site.path().join("shared")).unwrap();
    fs::write(site.path().join("shared/logo.txt"), "a shared file\n").unwrap();
    fs::create_dir_all(site.path().join("static")).unwrap();
    symlink(Path::new("../shared/logo.txt"), &site.path().join("static/logo.txt"));
    let page = site.path().join("content/en/results.md");
    fs::rename(&page, site.path().join("shared/results.md")).unwrap();
    symlink(Path::new("../../shared/results.md"), &page);
    let out = site.path().join("public");
    let result = build(site.path(), &out, &[]);
    assert!(result.status.success(), "{}", stderr(&result));
    assert_eq!(fs::read_to_string(out.join("logo.txt")).unwrap(), "a shared file\n");
    assert!(out.join("en/results/index.html").is_file());
}
