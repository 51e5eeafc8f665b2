/*
 * FootprintDates: each office's status on a day, from the changes the app sends with the
 * offices (components/map/builder.py, status_changes), so the map shows the footprint at
 * any date without new data and without a server round trip.
 *
 * A day is a whole number of days since 1 January 1970. An office's changes are flat,
 * [day, code, day, code, ...], in order; its status on a day is the code of the last change
 * on or before it ("e" existing, "a" announced, "-" not on the map), and before the first
 * change "-". An office without changes keeps its own status on every day. Pure.
 */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) {
    module.exports = factory();
  } else {
    root.FootprintDates = factory();
  }
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var ABSENT = "-";

  /* One office's status on a day, from its changes. */
  function statusOn(changes, day) {
    var status = ABSENT;
    for (var k = 0; k + 1 < changes.length && changes[k] <= day; k += 2) {
      status = changes[k + 1];
    }
    return status;
  }

  /* Every office's status on a day: an array of codes, one per office. "own" is the
     offices' own statuses (one letter each), "changes" {index: [day, code, ...]}; a day of
     null or undefined (no date in the view) leaves every office its own status. */
  function statusesOn(own, changes, day) {
    var statuses = own.split("");
    if (day === null || day === undefined) { return statuses; }
    Object.keys(changes).forEach(function (index) {
      statuses[Number(index)] = statusOn(changes[index], day);
    });
    return statuses;
  }

  return { ABSENT: ABSENT, statusOn: statusOn, statusesOn: statusesOn };
});
