/* bilateral workbench: live search and named questions run in place. Everything from
   the data is written with textContent (never as markup); requests go to this server. */
(function () {
  "use strict";
  var ID = "https://w3id.org/bilateral/id/", SRC = "https://w3id.org/bilateral/source/";
  function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function local(iri) {
    if (iri.indexOf(ID) === 0) return "/id/" + encodeURIComponent(iri.slice(ID.length));
    if (iri.indexOf(SRC) === 0) return "/source/" + encodeURIComponent(iri.slice(SRC.length));
    return null;
  }
  function short(iri) {
    if (iri.indexOf(ID) === 0) return "bid:" + iri.slice(ID.length);
    if (iri.indexOf(SRC) === 0) return "bsrc:" + iri.slice(SRC.length);
    return iri;
  }
  function linkTo(iri, text) {
    var url = local(iri);
    if (!url) return el("span", text || iri);
    var a = el("a", text || short(iri)); a.href = url; a.title = iri; return a;
  }

  var box = document.getElementById("search"), list = document.getElementById("results"), timer = null, asked = 0;
  function search() {
    var q = box.value.trim(), mine = ++asked;
    if (!q) { clear(list); return; }
    fetch("/api/search?q=" + encodeURIComponent(q)).then(function (r) { return r.json(); }).then(function (d) {
      if (mine !== asked) return;
      clear(list);
      if (d.error) { list.appendChild(el("li", d.error, "error")); return; }
      if (!d.results.length) { list.appendChild(el("li", "no match", "none")); return; }
      d.results.forEach(function (r) {
        var li = el("li");
        li.appendChild(linkTo(r.iri, r.label));
        li.appendChild(document.createTextNode(" "));
        li.appendChild(el("span", r.kind, "tag"));
        li.appendChild(el("div", r.snippet, "snippet"));
        list.appendChild(li);
      });
    }).catch(function (e) { if (mine === asked) { clear(list); list.appendChild(el("li", String(e), "error")); } });
  }
  if (box && list) {
    box.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(search, 120); });
  }

  function table(target, d) {
    if ("boolean" in d) { target.appendChild(el("p", String(d.boolean))); return; }
    var t = el("table"), h = t.createTHead().insertRow(), body = t.createTBody();
    d.head.vars.forEach(function (v) { var th = el("th", v); th.scope = "col"; h.appendChild(th); });
    d.results.bindings.forEach(function (b) {
      var row = body.insertRow();
      d.head.vars.forEach(function (v) {
        var td = row.insertCell(), term = b[v];
        if (!term) return;
        if (term.type === "uri") td.appendChild(linkTo(term.value)); else td.textContent = term.value;
      });
    });
    target.appendChild(el("p", d.results.bindings.length + " row(s)", "tag"));
    target.appendChild(t);
  }
  Array.prototype.forEach.call(document.querySelectorAll("button.run"), function (button) {
    button.addEventListener("click", function () {
      var name = button.getAttribute("data-name"), target = document.getElementById("answer-" + name);
      clear(target); target.appendChild(el("p", "running…", "tag"));
      var bound = new URLSearchParams();
      Array.prototype.forEach.call(document.querySelectorAll("input[data-for]"), function (input) {
        if (input.getAttribute("data-for") === name && input.value.trim()) bound.append(input.name, input.value.trim());
      });
      var query = bound.toString() ? "?" + bound.toString() : "";
      fetch("/api/queries/" + encodeURIComponent(name) + query).then(function (r) {
        var type = (r.headers.get("Content-Type") || "").split(";")[0];
        return r.text().then(function (text) { return {ok: r.ok, type: type, text: text}; });
      }).then(function (x) {
        clear(target);
        if (!x.ok) { var d = JSON.parse(x.text); target.appendChild(el("p", d.error || x.text, "error")); return; }
        if (x.type === "text/turtle") { target.appendChild(el("pre", x.text)); return; }
        table(target, JSON.parse(x.text));
      }).catch(function (e) { clear(target); target.appendChild(el("p", String(e), "error")); });
    });
  });
})();
