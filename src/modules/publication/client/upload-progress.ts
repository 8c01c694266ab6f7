// Upload progress for forms marked data-upload-progress (issue #11 point 4e): the publication
// draft form and 上传附件. A progressive enhancement: without it the form posts as usual. When the
// chosen files total 1 MB or more, the same multipart body is sent by XMLHttpRequest (fetch has no
// upload progress) and a <progress> shows how much has gone; the answer then replaces the page —
// a redirect is followed to its address, anything else (422 with the typed text, 413) is shown.
// Bundled and served by serveClientScript (/assets/upload-progress.js).

const MIN_BYTES = 1024 * 1024;
const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;

function chosenBytes(form: HTMLFormElement): number {
  let total = 0;
  for (const input of form.querySelectorAll<HTMLInputElement>('input[type=file]'))
    for (const file of input.files ?? []) total += file.size;
  return total;
}

function send(form: HTMLFormElement, submitter: HTMLElement | null): void {
  const data = new FormData(form);
  if (submitter instanceof HTMLButtonElement && submitter.name) data.append(submitter.name, submitter.value);
  const bar = document.createElement('progress');
  bar.max = 100;
  bar.value = 0;
  bar.setAttribute('aria-label', '上传进度');
  const text = document.createElement('span');
  text.textContent = '正在上传…';
  const box = document.createElement('p');
  box.className = 'upload-progress';
  box.setAttribute('role', 'status');
  box.append(bar, text);
  const buttons = [...form.querySelectorAll('button')];
  (buttons[buttons.length - 1] ?? form).after(box);
  const enable = (on: boolean) => buttons.forEach((b) => (b.disabled = !on));
  enable(false);

  const xhr = new XMLHttpRequest();
  xhr.open('POST', form.action);
  xhr.upload.onprogress = (e) => {
    if (!e.lengthComputable) return;
    bar.value = Math.floor((e.loaded / e.total) * 100);
    text.textContent = `已上传 ${bar.value}%（${mb(e.loaded)} / ${mb(e.total)}）`;
  };
  xhr.upload.onload = () => {
    bar.value = 100;
    text.textContent = '上传完成，正在保存…';
  };
  xhr.onload = () => {
    if (xhr.responseURL && xhr.responseURL !== form.action) {
      window.location.assign(xhr.responseURL);
      return;
    }
    document.open();
    document.write(xhr.responseText);
    document.close();
  };
  xhr.onerror = () => {
    text.textContent = '上传失败，请检查网络后重新保存。';
    enable(true);
  };
  xhr.send(data);
}

for (const form of document.querySelectorAll<HTMLFormElement>('form[data-upload-progress]')) {
  form.addEventListener('submit', (event) => {
    if (event.defaultPrevented || chosenBytes(form) < MIN_BYTES) return;
    event.preventDefault();
    send(form, event.submitter);
  });
}
