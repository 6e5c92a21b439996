// Forms that ask before they submit: <form data-confirm="Delete this customer?">. Loaded by every page, in place of
// inline onsubmit handlers, which the Content-Security-Policy refuses.
document.addEventListener('submit', event => {
    const question = event.target.dataset.confirm;
    if (question && !window.confirm(question)) {
        event.preventDefault();
    }
});
