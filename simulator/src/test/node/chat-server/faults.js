'use strict';

// The deliberately broken variants of server.js, one careless-implementer mistake each.
// server.js checks `fault === name` at the one place where the mistake is made; README.md
// carries the same table. `profile` is the profile in which the mistake shows on the wire.
module.exports = Object.freeze([
  fault('never-online', 'operator', 'operator lines are pushed, but the server never goes online: auto-replies continue', 'O6, O7'),
  fault('online-not-global', 'operator', 'only clients that received a push are online; clients connecting later still get auto-replies', 'O6'),
  fault('push-needs-client', 'operator', 'a line typed while no client is connected is dropped and does not switch the server online (data lost; seed 002 delivers it late, D1)', 'O6'),
  fault('push-to-last-only', 'operator', 'operator push reaches only the most recently connected client', 'O5'),
  fault('push-listener-per-connection', 'operator', 'every connection adds a console listener that is never removed: each line is pushed 1 + (connections so far) times', 'O5'),
  fault('push-empty-lines', 'operator', 'empty (blank) operator lines are pushed as {"content":""} and switch the server online (seed D2)', 'O5, O6'),
  fault('untrimmed-push', 'operator', 'operator lines are pushed without trimming surrounding white space', 'O5'),
  fault('ascii-trim', 'operator', 'operator lines are trimmed of ASCII spaces and tabs only: U+3000, U+00A0 and U+FEFF stay', 'O5'),
  fault('lf-only-lines', 'operator', 'stdin lines end only at LF (or CR LF): a lone CR stays inside the line', 'O5'),
  fault('exit-on-stdin-end', 'operator', 'the process exits (code 0) when its stdin ends, as a console program would', 'O5'),
  fault('push-in-turn', 'operator', 'a push goes to the clients one after another, each waiting until the previous socket has taken it: a client that does not read stalls the rest', 'R5, O5'),
  fault('push-chunks', 'operator', 'stdin is read in chunks, not lines: several lines written at once become one push (seed D3)', 'O5'),
  fault('reply-twice', 'both', 'two replies per client text', 'O3, E1'),
  fault('auto-reply-to-all', 'both', 'the reply is broadcast to every client instead of the sender', 'O4, E1'),
  fault('wrong-auto-reply-text', 'operator', 'auto-reply content is "[自动回复] 请稍候"', 'O3'),
  fault('wrong-field', 'both', 'the text travels in "message" instead of "content"', 'O1, E1'),
  fault('missing-date', 'both', 'frames carry no "date" (echo: no "timestamp") field', 'O1, E1'),
  fault('extra-field', 'both', 'frames carry a third field, "type":"text"', 'O1, E1'),
  fault('not-json', 'both', 'frames hold the raw content string, not a JSON object', 'O1, E1, C4'),
  fault('reply-as-binary', 'both', 'frames are sent as binary frames', 'O1, E1, C4'),
  fault('iso-date', 'operator', '"date" is an ISO-8601 UTC timestamp (2026-11-21T21:05:39.123Z)', 'O2'),
  fault('upper-case-ampm', 'operator', '"date" ends in upper-case AM / PM (moment format "A" instead of "a")', 'O2'),
  fault('number-date', 'operator', '"date" is a number (Date.now()), not a text', 'O1, O2'),
  fault('frozen-date', 'operator', '"date" is always the documented example, "2026-21-11 , 9:05 pm"', 'O2'),
  fault('day-month-swapped', 'operator', '"date" has the month before the day (YYYY-M-D); not visible on days whose day and month are equal', 'O2'),
  fault('time-zone-offset', 'operator', '"date" is the local time of a server 5 h 30 min ahead (another time zone: NON_STRICT)', 'O2'),
  fault('greet-on-connect', 'both', 'sends a welcome frame as soon as a client connects', 'O9, E1'),
  fault('close-on-greeting', 'both', 'closes the connection when it receives the greeting 你好', 'C2, O3, E1'),
  fault('die-on-binary', 'both', 'the process exits with code 1 on a binary frame', 'O8, E4, R3'),
  fault('answers-binary', 'both', 'binary frames are decoded as UTF-8 and answered like text (seed 000, D7)', 'O8, E4'),
  fault('crash-on-empty-text', 'both', 'the process exits with code 1 on an empty text frame', 'C3, R3'),
  fault('crash-on-large-message', 'both', 'the process exits with code 1 on a message over 60 KiB instead of answering it (or closing 1009 past 64 KiB)', 'R2, R3'),
  fault('crash-on-protocol-error', 'both', 'no error listener on the sockets (as seed 000): a frame ws rejects (a reserved opcode, invalid UTF-8, a message over 64 KiB) is an uncaught error that kills the process', 'R3, R1, R2'),
  fault('crash-on-dropped-client', 'both', 'replies leave 20 ms later from a queue, and writing one to a client that has gone meanwhile kills the process (as a native binding that throws on a closed socket)', 'R3'),
  fault('no-size-limit', 'both', 'no message limit of its own (ws default, 100 MiB): a message over 64 KiB is answered instead of closed with 1009', 'R2'),
  fault('skip-utf8-validation', 'both', 'text frames are not validated: invalid UTF-8 is answered instead of closed with 1007', 'R1'),
  fault('stops-after-100', 'both', 'stops answering after 100 messages on a connection', 'R4, O3, E1'),
  fault('slow-reply', 'both', 'replies are sent 3 s after the text', 'O3, E1, O7'),
  fault('unordered-replies', 'echo', 'each reply waits a random 0-20 ms, so replies overtake each other', 'R6, R4'),
  fault('plain-http-200', 'both', 'a plain HTTP request (no upgrade) gets 200', 'T2'),
  fault('plain-http-426', 'operator', 'a plain HTTP request gets 426 Upgrade Required, as ws\'s own server answers (seed 000, D5; NON_STRICT in the echo profile)', 'T2'),
  fault('foreign-upgrade-unanswered', 'both', 'an upgrade to anything but websocket (Upgrade: h2c) is left unanswered, its connection open, instead of getting 404', 'T2'),
  fault('refuses-query-string', 'both', 'the handshake path is compared with "/" including its query string: /?uid=1 gets 404', 'T5'),
  fault('requires-origin', 'both', 'handshakes without an Origin header are refused with 403', 'T3'),
  fault('echo-drops-prefix', 'echo', 'echo content is the raw text, without "服务器回复:"', 'E2'),
  fault('echo-fullwidth-colon', 'echo', 'echo prefix uses the full-width colon: "服务器回复："', 'E2'),
  fault('echo-trims-text', 'echo', 'the echoed text is trimmed', 'E2'),
  fault('echo-24h-timestamp', 'echo', '"timestamp" is formatted en-GB: 24-hour clock, no AM / PM (21:05:39)', 'E3'),
]);

function fault(name, profile, breaks, rules) {
  return Object.freeze({ name, profile, breaks, rules });
}
