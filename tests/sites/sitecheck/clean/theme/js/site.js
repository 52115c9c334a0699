// Menu toggle.
document.querySelector('.menu-toggle')?.addEventListener('click', () => {});
