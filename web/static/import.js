// easyrun's import page: send the dropped or picked files to the API's
// import endpoint with the upload's progress, then follow the import
// until its summary is ready and show it in the CLI's words.
"use strict";
(function () {
  var form = document.getElementById("upload");
  var drop = document.getElementById("drop");
  var progress = document.getElementById("progress");
  var phase = document.getElementById("phase");
  var bar = document.getElementById("bar");
  var result = document.getElementById("result");
  var summary = document.getElementById("summary");
  var problems = document.getElementById("problems");
  var busy = false;

  function plural(n, one, many) { return n === 1 ? one : many; }

  function show(text, pct) {
    progress.hidden = false;
    phase.textContent = text;
    if (pct === null) { bar.removeAttribute("value"); } else { bar.value = pct; }
  }

  function fail(message) {
    busy = false;
    show("Import failed: " + message, 0);
    phase.className = "failed";
  }

  // readEntries walks a dropped folder; browsers hand out its entries in
  // batches, so it reads until a batch comes back empty.
  function readEntry(entry, out) {
    return new Promise(function (resolve) {
      if (entry.isFile) {
        entry.file(function (f) { out.push(f); resolve(); }, function () { resolve(); });
        return;
      }
      var reader = entry.createReader();
      var next = function () {
        reader.readEntries(function (batch) {
          if (!batch.length) { resolve(); return; }
          Promise.all(batch.map(function (e) { return readEntry(e, out); })).then(next);
        }, function () { resolve(); });
      };
      next();
    });
  }

  function droppedFiles(dt) {
    var items = dt.items ? Array.prototype.slice.call(dt.items) : [];
    var entries = items.map(function (it) { return it.webkitGetAsEntry && it.webkitGetAsEntry(); })
      .filter(function (e) { return e; });
    if (!entries.length) { return Promise.resolve(Array.prototype.slice.call(dt.files)); }
    var out = [];
    return Promise.all(entries.map(function (e) { return readEntry(e, out); })).then(function () { return out; });
  }

  function upload(files) {
    if (busy || !files.length) { return; }
    busy = true;
    phase.className = "";
    result.hidden = true;
    var data = new FormData();
    var bytes = 0;
    files.forEach(function (f) { data.append("files", f, f.name); bytes += f.size; });
    show("Uploading " + files.length + " " + plural(files.length, "file", "files") + "…", 0);
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.getAttribute("action"));
    // In server mode the form carries the session's CSRF token; the
    // server does not read an upload's body to find it, so it goes in a header.
    if (form.elements.csrf) { xhr.setRequestHeader("X-CSRF-Token", form.elements.csrf.value); }
    xhr.responseType = "json";
    xhr.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) {
        var pct = Math.round(100 * e.loaded / e.total);
        show("Uploading: " + (e.loaded / 1048576).toFixed(1) + " of " + (e.total / 1048576).toFixed(1) + " MiB (" + pct + " %)", pct);
      }
    });
    xhr.addEventListener("load", function () {
      var body = xhr.response || {};
      if (xhr.status !== 202) {
        fail(body.error ? body.error.message : "the server answered " + xhr.status);
        return;
      }
      show("Importing…", null);
      follow(body.status_url);
    });
    xhr.addEventListener("error", function () { fail("the upload did not reach the server"); });
    xhr.send(data);
  }

  function follow(url) {
    fetch(url, { headers: { "Accept": "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (st) {
        if (st.error && !st.status) { fail(st.error.message); return; }
        if (st.status === "queued") {
          show("Waiting for other uploads to be imported…", 0);
          setTimeout(function () { follow(url); }, 400);
          return;
        }
        if (st.status === "running") {
          var pct = st.files_total > 0 ? Math.round(100 * st.files_done / st.files_total) : null;
          show("Importing: " + st.files_done + " of " + st.files_total + " " + plural(st.files_total, "file", "files") + " read", pct);
          setTimeout(function () { follow(url); }, 400);
          return;
        }
        busy = false;
        if (st.status === "failed") {
          fail(st.error ? st.error.message : "the import stopped");
        } else {
          show("Done.", 100);
        }
        if (st.summary) { report(st.summary); }
      })
      .catch(function () { fail("lost contact with the server while importing"); });
  }

  function line(parent, tag, text, cls) {
    var el = document.createElement(tag);
    el.textContent = text;
    if (cls) { el.className = cls; }
    parent.appendChild(el);
    return el;
  }

  // report writes the summary as 'easyrun import' prints it.
  function report(s) {
    var mib = s.bytes / 1048576;
    var sec = s.duration_ns / 1e9;
    summary.textContent = "";
    line(summary, "span", "Imported " + s.imported + " new " + plural(s.imported, "activity", "activities") +
      " from " + s.files + " " + plural(s.files, "file", "files") + " in " + sec.toFixed(1) + " s (" +
      mib.toFixed(1) + " MiB, " + (sec > 0 ? mib / sec : 0).toFixed(1) + " MiB/s).");
    if (s.duplicates > 0) {
      line(summary, "span", " Duplicates: " + s.duplicates + " (imported before, or the same session from another file).");
    }
    if (s.replaced > 0) {
      line(summary, "span", " Replaced: " + s.replaced + " stored " + plural(s.replaced, "session", "sessions") +
        " by a richer recording of the same session.");
    }
    if (s.analysed > 0) {
      line(summary, "span", " Analysed " + s.analysed + " " + plural(s.analysed, "activity", "activities") + ".");
    }
    problems.textContent = "";
    [["Failed", s.failed, "failed"], ["Skipped, not activities", s.skipped, ""],
      ["Partial, every record before the break kept", s.partial, ""]].forEach(function (g) {
      if (!g[1] || !g[1].length) { return; }
      line(problems, "h3", g[0] + ": " + g[1].length, g[2]);
      var ul = line(problems, "ul", "", "reasons");
      g[1].forEach(function (p) { line(ul, "li", p.path + ": " + p.reason); });
    });
    result.hidden = false;
  }

  ["files", "folder"].forEach(function (id) {
    var input = document.getElementById(id);
    input.addEventListener("change", function () {
      upload(Array.prototype.slice.call(input.files));
      input.value = "";
    });
  });
  ["dragenter", "dragover"].forEach(function (t) {
    drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (t) {
    drop.addEventListener(t, function () { drop.classList.remove("over"); });
  });
  drop.addEventListener("drop", function (e) {
    e.preventDefault();
    droppedFiles(e.dataTransfer).then(upload);
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
})();
