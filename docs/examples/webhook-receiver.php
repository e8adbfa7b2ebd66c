<?php
// A motcua webhook receiver in plain PHP (7.4+): checks the signature and the time, answers 2xx quickly.
$secret = getenv('MOTCUA_WEBHOOK_SECRET');
$body = file_get_contents('php://input'); // the raw body, exactly as received
$header = $_SERVER['HTTP_X_MOTCUA_SIGNATURE'] ?? '';
$parts = [];
foreach (explode(',', $header) as $part) {
    [$k, $v] = array_pad(explode('=', trim($part), 2), 2, '');
    $parts[$k] = $v;
}
$t = $parts['t'] ?? '';
$v1 = $parts['v1'] ?? '';
$expected = hash_hmac('sha256', $t . '.' . $body, $secret);
if (!ctype_digit($t) || abs(time() - (int) $t) > 300 || !hash_equals($expected, $v1)) {
    http_response_code(400);
    exit('bad signature');
}
$delivery = $_SERVER['HTTP_X_MOTCUA_DELIVERY'] ?? '';
// Deliveries may be retried: skip $delivery if your database already has it, otherwise store it with the event.
$event = json_decode($body, true);
error_log("verified {$event['type']} {$event['id']}");
http_response_code(204);
