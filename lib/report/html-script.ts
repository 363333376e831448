/**
 * The report page's only script: sort the deployments table by a header click, filter it by the text box. A
 * constant, allowed by hash in the Content-Security-Policy; it attaches listeners (no inline handler attributes).
 */
export const REPORT_SCRIPT = `
(() => {
  'use strict';
  const table = document.getElementById('deployments-table');
  if (!table) return;
  const body = table.tBodies[0];
  const rows = Array.from(body.rows);
  rows.forEach((row, index) => { row.dataset.index = String(index); });
  const headers = Array.from(table.querySelectorAll('thead th'));
  const shown = document.getElementById('shown');
  const noMatch = document.getElementById('no-match');
  const filter = document.getElementById('filter');
  let sortColumn = 0;
  let direction = 1;

  const sortKey = (row, column, numeric) => {
    const cell = row.cells[column];
    const value = cell ? (cell.dataset.sort ?? cell.textContent.trim()) : '';
    return numeric ? Number(value) : value.toLowerCase();
  };

  const sortBy = (column, numeric) => {
    direction = column === sortColumn ? -direction : 1;
    sortColumn = column;
    rows.sort((a, b) => {
      const x = sortKey(a, column, numeric);
      const y = sortKey(b, column, numeric);
      if (x < y) return -direction;
      if (x > y) return direction;
      return Number(a.dataset.index) - Number(b.dataset.index);
    });
    rows.forEach((row) => body.appendChild(row));
    headers.forEach((th, index) => {
      if (index === column) th.setAttribute('aria-sort', direction === 1 ? 'ascending' : 'descending');
      else th.removeAttribute('aria-sort');
    });
  };

  headers.forEach((th, index) => {
    const button = th.querySelector('button');
    if (button) button.addEventListener('click', () => sortBy(index, th.dataset.type === 'num'));
  });

  const applyFilter = () => {
    const words = (filter ? filter.value : '').toLowerCase().split(/\\s+/).filter(Boolean);
    let visible = 0;
    rows.forEach((row) => {
      const text = row.textContent.toLowerCase();
      const match = words.every((word) => text.includes(word));
      row.hidden = !match;
      if (match) visible += 1;
    });
    if (shown) shown.textContent = visible + ' of ' + rows.length + ' shown';
    if (noMatch) noMatch.hidden = visible > 0 || rows.length === 0;
  };
  if (filter) filter.addEventListener('input', applyFilter);
  applyFilter();
})();
`;
