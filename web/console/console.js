// The console's one enhancement: dates the host wrote in UTC, shown in the
// viewer's own language and time zone. Pages read fine without it.
const format = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
for (const el of document.querySelectorAll("time[datetime]")) {
  const when = new Date(el.getAttribute("datetime"));
  if (!Number.isNaN(when.getTime())) {
    el.title = el.textContent;
    el.textContent = format.format(when);
  }
}
