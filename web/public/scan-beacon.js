/* global document, navigator, URLSearchParams, addEventListener */
// Counts a stamp's scan once its page is in front of a person: after load, and only while visible,
// so a prerendered or background page is not counted until (unless) it is shown. The page names
// the stamp and carries its single-use ticket in the #scan-beacon data block. A browser without
// sendBeacon, or with JavaScript off, still gets the whole page; its scan is just not counted.
(function () {
  var block = document.getElementById('scan-beacon');
  if (!block || !navigator.sendBeacon) return;
  var fields = JSON.parse(block.textContent);
  var sent = false;
  function send() {
    if (sent || document.visibilityState !== 'visible') return;
    sent = true;
    navigator.sendBeacon('/scans', new URLSearchParams(fields));
  }
  if (document.readyState === 'complete') send();
  else addEventListener('load', send);
  document.addEventListener('visibilitychange', send);
})();
