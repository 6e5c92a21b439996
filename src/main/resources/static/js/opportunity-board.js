// The opportunity board: a card dragged onto another stage's column is moved there by its own "move to" form, which
// works without this script too. The board is boosted by htmx, so the form posts in the background and the board is
// swapped for the fresh one; the listeners sit on the document, so they survive the swap.
(() => {
    let dragged = null;

    document.addEventListener('dragstart', event => {
        const card = event.target.closest && event.target.closest('.board-card');
        if (!card) {
            return;
        }
        dragged = card;
        card.classList.add('dragging');
        event.dataTransfer.effectAllowed = 'move';
        event.dataTransfer.setData('text/plain', card.dataset.opportunity);
    });

    document.addEventListener('dragend', () => {
        if (dragged) {
            dragged.classList.remove('dragging');
        }
        dragged = null;
        document.querySelectorAll('.board-column.drop-target').forEach(column => column.classList.remove('drop-target'));
    });

    document.addEventListener('dragover', event => {
        const column = dragged && event.target.closest && event.target.closest('.board-column');
        if (column) {
            event.preventDefault();
            event.dataTransfer.dropEffect = 'move';
            column.classList.add('drop-target');
        }
    });

    document.addEventListener('dragleave', event => {
        const column = event.target.closest && event.target.closest('.board-column');
        if (column && !column.contains(event.relatedTarget)) {
            column.classList.remove('drop-target');
        }
    });

    document.addEventListener('drop', event => {
        const column = dragged && event.target.closest && event.target.closest('.board-column');
        if (!column) {
            return;
        }
        event.preventDefault();
        const form = dragged.querySelector('.move-form');
        const select = form && form.querySelector('select[name="stageId"]');
        if (select && select.value !== column.dataset.stage) {
            // the card shows in its new column when the fresh board comes back, not before: what it shows is saved
            select.value = column.dataset.stage;
            column.classList.add('drop-target');
            form.requestSubmit();
        }
    });
})();
