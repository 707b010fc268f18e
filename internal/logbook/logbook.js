// The logbook register's progressive enhancement: sortable columns and a
// filter above the table. Without it the register is a plain table whose
// filters are the facet pages' links; the script adds its controls itself,
// so nothing is half-drawn with JavaScript off. No inline code, no
// dependencies: it works under a Content-Security-Policy of script-src 'self'.
//
// What it reads from the page (register.html writes it):
//   table.register                    data-filter, data-any, data-shown: UI strings
//   a cell's data-sort                its sort value where the text does not sort
//                                     (a number; Infinity for "not yet")
//   a cell's <time datetime>          else its time
//   tr data-facets, a/span data-facet "dim:value" tokens of the rows and facet links
(function () {
  'use strict';
  var table = document.querySelector('table.register');
  if (!table || !table.tBodies.length || !table.tHead) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var lang = document.documentElement.lang || undefined;
  var collator = new Intl.Collator(lang, { numeric: true, sensitivity: 'base' });

  function key(cell) {
    if (!cell) return '';
    var v = cell.getAttribute('data-sort');
    if (v !== null) return v !== '' && !isNaN(Number(v)) ? Number(v) : v;
    var t = cell.querySelector('time[datetime]');
    if (t) return Date.parse(t.getAttribute('datetime'));
    return cell.textContent.replace(/\s+/g, ' ').trim();
  }
  // Numbers (and times) before text; an unknown ("—") sorts as text.
  function compare(a, b) {
    var na = typeof a === 'number', nb = typeof b === 'number';
    if (na && nb) return a < b ? -1 : a > b ? 1 : 0;
    if (na !== nb) return na ? -1 : 1;
    return collator.compare(a, b);
  }

  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  heads.forEach(function (th, col) {
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'sort';
    while (th.firstChild) button.appendChild(th.firstChild);
    // The arrow is drawn by the style sheet; aria-sort says the order.
    var arrow = document.createElement('span');
    arrow.className = 'arrow';
    arrow.setAttribute('aria-hidden', 'true');
    button.appendChild(arrow);
    th.appendChild(button);
    button.addEventListener('click', function () {
      var dir = th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
      heads.forEach(function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', dir);
      var sign = dir === 'ascending' ? 1 : -1;
      var keyed = rows.map(function (r) { return { row: r, key: key(r.cells[col]) }; });
      keyed.sort(function (a, b) { return sign * compare(a.key, b.key); });
      keyed.forEach(function (k) { body.appendChild(k.row); });
    });
  });

  // The filter: a search field and a select per facet the page links.
  var groups = {}, order = [];
  document.querySelectorAll('nav.facets dl > div').forEach(function (div) {
    var dt = div.querySelector('dt');
    div.querySelectorAll('[data-facet]').forEach(function (link) {
      var token = link.getAttribute('data-facet'), dim = token.split(':')[0];
      if (!groups[dim]) { groups[dim] = { label: dt ? dt.textContent : dim, options: [] }; order.push(dim); }
      groups[dim].options.push({ token: token, text: link.textContent, current: link.hasAttribute('aria-current') });
    });
  });
  var box = document.createElement('div');
  box.className = 'live-filter';
  var id = 0;
  function field(labelText, control) {
    var p = document.createElement('p'), label = document.createElement('label');
    control.id = 'live-filter-' + (id++);
    label.htmlFor = control.id;
    label.textContent = labelText;
    p.appendChild(label);
    p.appendChild(control);
    box.appendChild(p);
    return control;
  }
  var search = document.createElement('input');
  search.type = 'search';
  search.autocomplete = 'off';
  field(table.getAttribute('data-filter') || 'Filter', search);
  var selects = order.map(function (dim) {
    var select = document.createElement('select');
    var any = document.createElement('option');
    any.value = '';
    any.textContent = table.getAttribute('data-any') || '*';
    select.appendChild(any);
    groups[dim].options.forEach(function (o) {
      var opt = document.createElement('option');
      opt.value = o.token;
      opt.textContent = o.text;
      opt.selected = o.current;
      select.appendChild(opt);
    });
    return field(groups[dim].label, select);
  });
  var status = document.createElement('p');
  status.className = 'live-count';
  status.setAttribute('role', 'status');
  box.appendChild(status);
  var place = table.closest('.scroll') || table;
  place.parentNode.insertBefore(box, place);

  var texts = rows.map(function (r) { return r.textContent.replace(/\s+/g, ' ').toLowerCase(); });
  var facets = rows.map(function (r) { return (r.getAttribute('data-facets') || '').split(' '); });
  function filter() {
    var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    var wanted = selects.map(function (s) { return s.value; }).filter(Boolean);
    var shown = 0;
    rows.forEach(function (r, i) {
      var ok = words.every(function (w) { return texts[i].indexOf(w) >= 0; }) &&
        wanted.every(function (t) { return facets[i].indexOf(t) >= 0; });
      r.hidden = !ok;
      if (ok) shown++;
    });
    status.textContent = (table.getAttribute('data-shown') || '{n}/{total}')
      .replace('{n}', shown).replace('{total}', rows.length);
  }
  search.addEventListener('input', filter);
  selects.forEach(function (s) { s.addEventListener('change', filter); });
})();
