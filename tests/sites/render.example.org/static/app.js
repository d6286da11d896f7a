// Fills the page from a same-site JSON request, as document-sharing viewers do.
document.addEventListener("DOMContentLoaded", async () => {
  const answer = await fetch("/static/pages.json");
  const data = await answer.json();
  const box = document.getElementById("content");
  for (const text of data.pages) {
    const p = document.createElement("p");
    p.className = "page";
    p.textContent = text;
    box.appendChild(p);
  }
});
