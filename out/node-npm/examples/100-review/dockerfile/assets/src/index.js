// The page's script. It holds nothing that depends on the environment: the same bundle is
// served in every environment, and what differs comes from the app at run time.
function greet(element) {
  element.textContent = `${element.textContent} (the page's script ran)`;
}

document.addEventListener('DOMContentLoaded', () => {
  document.querySelectorAll('[data-greeting]').forEach(greet);
});
