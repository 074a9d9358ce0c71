/* SPBE Monev: the few behaviours every page shares, attached from data attributes so that
   no template needs an inline script (a Content-Security-Policy without unsafe-inline).
   Every page works without this file; it only adds safety and comfort:

   form[data-confirm] / button[data-confirm]  ask first, saying what will happen
   every POST form                            cannot be sent twice by a double click
   form[data-upload]                          upload progress, button disabled while sending
   textarea[maxlength], input[maxlength]      a live "n / max" counter
   [data-filter-list]                         a search box that filters a long checklist
   [data-error-summary]                       the summary of a form's errors gets the focus
   select[data-autosubmit]                    sends its form on change (language switch)
   button[data-print]                         prints the page
*/
(function () {
  "use strict";

  function confirmMessage(form, submitter) {
    if (submitter && submitter.dataset.confirm) return submitter.dataset.confirm;
    return form.dataset.confirm || "";
  }

  function buttonsOf(form) {
    return form.querySelectorAll("button[type=submit], button:not([type]), input[type=submit]");
  }

  function setBusy(form, busy) {
    form.dataset.submitting = busy ? "1" : "";
    form.setAttribute("aria-busy", busy ? "true" : "false");
    buttonsOf(form).forEach(function (button) {
      button.disabled = busy;
    });
  }

  function keepSubmitterValue(form, submitter) {
    // A disabled button is not sent: carry its name/value (e.g. aksi=jadikan) in a hidden field.
    if (!submitter || !submitter.name) return;
    var carrier = document.createElement("input");
    carrier.type = "hidden";
    carrier.name = submitter.name;
    carrier.value = submitter.value;
    carrier.dataset.carrier = "1";
    form.appendChild(carrier);
  }

  function isHtmx(form) {
    return form.hasAttribute("hx-post") || form.hasAttribute("hx-get") || form.hasAttribute("hx-put");
  }

  document.addEventListener(
    "submit",
    function (event) {
      var form = event.target;
      if (!(form instanceof HTMLFormElement)) return;
      var submitter = event.submitter || null;
      if (form.dataset.submitting === "1") {
        event.preventDefault();
        event.stopImmediatePropagation();
        return;
      }
      var message = confirmMessage(form, submitter);
      if (message && !window.confirm(message)) {
        event.preventDefault();
        event.stopImmediatePropagation();
        return;
      }
      if ((form.method || "get").toLowerCase() !== "post") return;
      if (form.hasAttribute("data-upload") && isHtmx(form)) {
        showProgress(form, 0); // htmx sends it; its progress events fill the bar below
      } else if (form.hasAttribute("data-upload") && window.XMLHttpRequest && window.FormData) {
        event.preventDefault();
        upload(form, submitter);
        return;
      }
      if (!isHtmx(form)) keepSubmitterValue(form, submitter);
      // Mark at once (a second submit is refused above); disable the buttons after this event
      // has run, so the browser (or htmx) still sends the form with its submitter.
      form.dataset.submitting = "1";
      window.setTimeout(function () {
        setBusy(form, true);
      }, 0);
    },
    true
  );

  // htmx swaps the answer in place: the form may be used again afterwards.
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.target && event.target.closest ? event.target.closest("form") : null;
    if (form) setBusy(form, false);
  });

  // Back/forward cache: a page shown again must not keep its buttons disabled.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-submitting='1']").forEach(function (form) {
      setBusy(form, false);
      form.querySelectorAll("input[data-carrier]").forEach(function (el) {
        el.remove();
      });
    });
  });

  // -- uploads with progress --------------------------------------------------------------
  function showProgress(form, percent) {
    var progress = form.querySelector("progress[data-upload-progress]");
    var status = form.querySelector("[data-upload-status]");
    if (progress) {
      progress.hidden = false;
      progress.value = percent;
    }
    if (status) status.textContent = percent + "%";
  }

  document.addEventListener("htmx:xhr:progress", function (event) {
    var form = event.target && event.target.closest ? event.target.closest("form[data-upload]") : null;
    var detail = event.detail || {};
    if (form && detail.lengthComputable) showProgress(form, Math.round((detail.loaded / detail.total) * 100));
  });

  function upload(form, submitter) {
    var status = form.querySelector("[data-upload-status]");
    var data = new FormData(form);
    if (submitter && submitter.name) data.append(submitter.name, submitter.value);
    var request = new XMLHttpRequest();
    setBusy(form, true);
    showProgress(form, 0);
    request.upload.addEventListener("progress", function (event) {
      if (event.lengthComputable) showProgress(form, Math.round((event.loaded / event.total) * 100));
    });
    request.addEventListener("load", function () {
      // Show the answer as a normal post would: the page the server redirected to (already
      // fetched, with its one-time messages) or the form again with its errors.
      var landed = request.responseURL || window.location.href;
      if (landed !== window.location.href) window.history.pushState(null, "", landed);
      document.open();
      document.write(request.responseText);
      document.close();
    });
    request.addEventListener("error", function () {
      setBusy(form, false);
      if (status) status.textContent = form.dataset.uploadError || "!";
    });
    request.open("POST", form.getAttribute("action") || window.location.href);
    request.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    request.send(data);
  }

  // -- counters -----------------------------------------------------------------------------
  function attachCounter(field) {
    var max = parseInt(field.getAttribute("maxlength"), 10);
    if (!max || field.dataset.counter === "off" || field.type === "hidden") return;
    var counter = document.createElement("small");
    counter.className = "muted char-counter";
    counter.setAttribute("aria-live", "polite");
    counter.id = (field.id || field.name) + "-counter";
    field.setAttribute("aria-describedby", ((field.getAttribute("aria-describedby") || "") + " " + counter.id).trim());
    field.insertAdjacentElement("afterend", counter);
    function update() {
      counter.textContent = field.value.length.toLocaleString(document.documentElement.lang || undefined) + " / " + max.toLocaleString(document.documentElement.lang || undefined);
      counter.classList.toggle("near-limit", field.value.length > max * 0.9);
    }
    field.addEventListener("input", update);
    update();
  }

  // -- searchable checklist -------------------------------------------------------------------
  function attachFilter(list) {
    var input = document.createElement("input");
    input.type = "search";
    input.className = "filter-box";
    input.placeholder = list.dataset.filterPlaceholder || "";
    input.setAttribute("aria-label", list.dataset.filterLabel || input.placeholder);
    list.insertAdjacentElement("beforebegin", input);
    var items = list.querySelectorAll("label, li");
    input.addEventListener("input", function () {
      var needle = input.value.trim().toLowerCase();
      items.forEach(function (item) {
        var row = item.closest("li") || item;
        var checked = row.querySelector("input:checked");
        row.hidden = needle !== "" && !checked && row.textContent.toLowerCase().indexOf(needle) === -1;
      });
    });
  }

  function init(root) {
    root.querySelectorAll("textarea[maxlength], input[type=text][maxlength]").forEach(function (field) {
      if (!field.dataset.counterAttached && parseInt(field.getAttribute("maxlength"), 10) >= 500) {
        field.dataset.counterAttached = "1";
        attachCounter(field);
      }
    });
    root.querySelectorAll("[data-filter-list]").forEach(function (list) {
      if (!list.dataset.filterAttached) {
        list.dataset.filterAttached = "1";
        attachFilter(list);
      }
    });
    root.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
      select.addEventListener("change", function () {
        select.form.submit();
      });
    });
    root.querySelectorAll("button[data-print]").forEach(function (button) {
      button.addEventListener("click", function () {
        window.print();
      });
    });
    var summary = root.querySelector("[data-error-summary]");
    if (summary) summary.focus();
  }

  document.addEventListener("DOMContentLoaded", function () {
    init(document);
  });
  document.addEventListener("htmx:load", function (event) {
    if (event.target && event.target !== document.body) init(event.target);
  });
})();
