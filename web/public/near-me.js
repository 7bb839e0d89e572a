/* global document, navigator */
// "Use my location": shows the button only where the browser can locate the visitor, and on a tap
// fills the form's "near" field with the position (latitude,longitude) and sends the form. Without
// JavaScript, or when the visitor says no, the form still takes a typed place.
(function () {
  if (!('geolocation' in navigator)) return;
  document.querySelectorAll('[data-locate]').forEach(function (button) {
    var form = button.closest('form');
    var field = form && form.querySelector('[name="near"]');
    if (!field) return;
    button.hidden = false;
    button.addEventListener('click', function () {
      button.disabled = true;
      navigator.geolocation.getCurrentPosition(
        function (position) {
          field.value = position.coords.latitude.toFixed(5) + ',' + position.coords.longitude.toFixed(5);
          form.submit();
        },
        function () {
          button.disabled = false;
          field.focus();
        },
        { enableHighAccuracy: false, timeout: 10000, maximumAge: 300000 },
      );
    });
  });
})();
