// Package interop runs the real clients in the repository's test/interop
// folder (Garmin's FIT SDK, Mozilla's ical.js, both on Node) on files
// easyrun writes, so tests check what those clients read back.
//
// Tests that need them are skipped, saying why, when node or the npm
// packages are missing; with EASYRUN_INTEROP=required (CI sets it) they
// fail instead, so a broken set-up never passes as a skip.
package interop

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Run runs the Node script (a file name in test/interop, such as
// "fit-workout.mjs") on args and decodes the JSON it prints into v.
// The test fails when the script fails or prints something else.
func Run(t testing.TB, script string, v any, args ...string) {
	t.Helper()
	node, dir := setup(t)
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(node, append([]string{filepath.Join(dir, script)}, args...)...)
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("node %s: %v\n%s", script, err, stderr.Bytes())
	}
	if err := json.Unmarshal(stdout.Bytes(), v); err != nil {
		t.Fatalf("node %s: reading its output: %v\n%s", script, err, stdout.Bytes())
	}
}

// setup returns the node executable and the test/interop folder, or
// skips (fails when required) the test when either is unusable.
func setup(t testing.TB) (node, dir string) {
	t.Helper()
	missing := func(format string, args ...any) {
		t.Helper()
		if os.Getenv("EASYRUN_INTEROP") == "required" {
			t.Fatalf("EASYRUN_INTEROP=required, but "+format, args...)
		}
		t.Skipf(format+" (set EASYRUN_INTEROP=required to fail instead)", args...)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		missing("node is not installed: %v", err)
	}
	dir, err = find()
	if err != nil {
		missing("%v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules")); err != nil {
		missing("the npm packages are not installed: run npm ci in %s", dir)
	}
	return node, dir
}

// find walks up from the working directory (a test's package folder) to
// the repository's test/interop folder.
func find() (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		d := filepath.Join(dir, "test", "interop")
		if _, err := os.Stat(filepath.Join(d, "package.json")); err == nil {
			return d, nil
		}
		if filepath.Dir(dir) == dir {
			return "", errors.New("no test/interop/package.json above " + wd)
		}
	}
}

// Module returns the path of a file of an npm package installed in
// test/interop, such as "axe-core/axe.min.js", skipping the test (failing
// it when required) when the packages are not installed.
func Module(t testing.TB, file string) string {
	t.Helper()
	_, dir := setup(t)
	path := filepath.Join(dir, "node_modules", file)
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("EASYRUN_INTEROP") == "required" {
			t.Fatalf("EASYRUN_INTEROP=required, but %s is missing: %v", file, err)
		}
		t.Skipf("%s is missing: run npm ci in %s (set EASYRUN_INTEROP=required to fail instead)", file, dir)
	}
	return path
}
