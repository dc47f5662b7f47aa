// The kiosk's words in both languages. Every string a patron reads is here: a screen never writes
// English or Chinese of its own, so switching the language changes every visible string. Data from the
// library (a patron's short name, reminder lines, seat numbers, join codes) is not translated and is
// marked translate="no" where it is shown.

const STRINGS = {
  'en': {
    'offline': 'Offline: entry and seats keep working',
    'idle.welcome': 'Welcome to the library',
    'hours.title': 'Open today',
    'hours.closed': 'Closed today',
    'hours.kind.exam': 'Exam period hours',
    'hours.kind.holiday': 'Holiday hours',
    'zones.title': 'Free seats now',
    'zones.free': '{free} of {total} free',
    'enter.title': 'How to enter',
    'enter.card': 'Tap your campus card on the reader',
    'enter.face': 'Look into the face terminal',
    'enter.qr': 'Show your mobile pass to the scanner',
    'enter.nfc': 'Hold your phone to the reader',
    'qr.caption': 'Scan for seats, bookings and your loans',
    'feedback.button': 'Rate your visit',
    'greeting.hello': 'Welcome',
    'greeting.helloName': 'Welcome, ',
    'greeting.go': 'Please go through the gate',
    'reminders.title': 'Your reminders',
    'refusal.title': 'Sorry, you cannot enter',
    'todo.title': 'What to do',
    'reason.suspended': 'Your library account is suspended',
    'reason.expired': 'Your library card has expired',
    'reason.closed': 'The library is closed now',
    'reason.unknown_credential': 'This card is not recognised',
    'reason.pass_invalid': 'This pass is not valid',
    'reason.pass_expired': 'This pass has expired',
    'reason.pass_replayed': 'This pass has already been used',
    'reason.hub_denied': 'Entry was not allowed',
    'reason.fallback_denied': 'Your card cannot be checked right now',
    'reason.other': 'Entry was not allowed',
    'hint.see_the_desk': 'Please ask at the service desk',
    'hint.refresh_your_pass': 'Open the library app and show a fresh pass',
    'hint.see_opening_hours': 'Please come back during opening hours',
    'hint.try_another_way_in': 'Try another way in, or ask at the service desk',
    'hint.other': 'Please ask at the service desk',
    'seats.title': 'Seats in this room',
    'state.free': 'Free',
    'state.reserved': 'Reserved',
    'state.occupied': 'In use',
    'state.away': 'Away',
    'state.out_of_order': 'Out of order',
    'seats.tap': 'Tap your card on this kiosk\u2019s reader to choose a seat',
    'seats.choose': 'Card read. Tap a free seat to check in.',
    'seats.yours': 'Your seat {seat}',
    'seats.left': '{s} s left',
    'action.checkin': 'Check in',
    'action.back': 'I\u2019m back',
    'action.leave': 'Temporary leave',
    'action.checkout': 'Check out',
    'action.done': 'Done',
    'done.check-in': 'Checked in at seat {seat}. Your lamp is on.',
    'done.leave': 'Temporary leave started. Your seat is kept for you.',
    'done.check-out': 'Checked out. Thank you!',
    'error.tap_first': 'Tap your card on the reader first',
    'error.seat_taken': 'That seat is taken',
    'error.seat_reserved': 'That seat is reserved for someone else',
    'error.seat_out_of_order': 'That seat is out of order',
    'error.no_leave_left': 'No temporary leave left for this session',
    'error.not_your_seat': 'That is not your seat',
    'error.not_a_card': 'That card could not be read. Please try again.',
    'error.other': 'That did not work. Please try again.',
    'action.book': 'Book a seat',
    'action.cancel': 'Back',
    'booking.choose': 'Choose when and for how long, then tap a free seat to book it',
    'booking.now': 'Now',
    'booking.from': 'From {time}',
    'booking.hours': '{h} h',
    'booking.done': 'Seat {seat} booked, {from}\u2013{to}. Check in at the seat with your card.',
    'booking.seat_taken': 'That seat is already booked for that time; choose another',
    'booking.banned': 'Booking is paused for your account after missed bookings; please ask at the desk',
    'booking.outside_window': 'That time cannot be booked yet',
    'booking.closed': 'The library is closed at that time',
    'booking.walk_up_only': 'Seats here are for walk-up use only: just sit down at a free one',
    'booking.already_booked': 'You already have a booking at that time',
    'booking.unknown_credential': 'This card is not registered for booking; please ask at the desk',
    'booking.not_admitted': 'Your library account cannot book now; please ask at the desk',
    'booking.hub_offline': 'Booking needs the library system, which cannot be reached now. Walk up to a free seat instead.',
    'booking.other': 'The booking did not work. Please try again.',
    'room.title': 'Discussion room',
    'room.state.free': 'Free now',
    'room.state.reserved': 'Booked: waiting for check-in',
    'room.state.occupied': 'In use',
    'room.state.away': 'In use (group away)',
    'room.state.out_of_order': 'Out of order',
    'room.bookings': 'Today\u2019s bookings',
    'room.now': 'Now',
    'room.people': '{n} people',
    'room.joinCode': 'Join code',
    'room.tap': 'Tap your card or scan your booking code at the reader to check in',
    'room.yours': 'Card read. What would you like to do?',
    'feedback.title.gate': 'How was your visit?',
    'feedback.title.reading-room': 'How was your study session?',
    'feedback.title.room': 'How was your room session?',
    'feedback.1': 'Very poor',
    'feedback.2': 'Poor',
    'feedback.3': 'OK',
    'feedback.4': 'Good',
    'feedback.5': 'Excellent',
    'feedback.skip': 'No thanks',
    'feedback.thanks': 'Thank you for your feedback',
    'feedback.more': 'Anything in particular? (optional)',
    'feedback.comment': 'Or write a few words',
    'feedback.send': 'Send',
    'feedback.topic.noise': 'Noise',
    'feedback.topic.temperature': 'Too hot or cold',
    'feedback.topic.seats': 'Finding a seat',
    'feedback.topic.wifi': 'Wi-Fi',
    'feedback.topic.power': 'Power outlets',
    'feedback.topic.lighting': 'Lighting',
    'feedback.topic.cleanliness': 'Cleanliness',
    'feedback.topic.staff': 'Staff and service',
    'farewell.hello': 'Goodbye',
    'farewell.helloName': 'Goodbye, ',
    'farewell.go': 'Thank you for visiting. See you soon',
  },
  'zh-CN': {
    'offline': '离线：入馆和座位功能照常可用',
    'idle.welcome': '欢迎来到图书馆',
    'hours.title': '今日开放时间',
    'hours.closed': '今日闭馆',
    'hours.kind.exam': '考试周延长开放',
    'hours.kind.holiday': '假期开放时间',
    'zones.title': '当前空余座位',
    'zones.free': '空余 {free} / {total}',
    'enter.title': '入馆方式',
    'enter.card': '在读卡器上刷校园卡',
    'enter.face': '面向人脸识别终端',
    'enter.qr': '向扫码器出示手机入馆码',
    'enter.nfc': '将手机贴近读卡器',
    'qr.caption': '扫码预约座位、查看借阅',
    'feedback.button': '评价本次到馆',
    'greeting.hello': '欢迎您',
    'greeting.helloName': '欢迎您，',
    'greeting.go': '请通行',
    'reminders.title': '您的提醒',
    'refusal.title': '抱歉，暂时无法入馆',
    'todo.title': '如何处理',
    'reason.suspended': '您的借阅账户已被暂停',
    'reason.expired': '您的借阅证已过期',
    'reason.closed': '图书馆现在闭馆',
    'reason.unknown_credential': '无法识别此卡',
    'reason.pass_invalid': '此入馆码无效',
    'reason.pass_expired': '此入馆码已过期',
    'reason.pass_replayed': '此入馆码已使用过',
    'reason.hub_denied': '未获准入馆',
    'reason.fallback_denied': '暂时无法核验您的卡',
    'reason.other': '未获准入馆',
    'hint.see_the_desk': '请到服务台咨询',
    'hint.refresh_your_pass': '请在图书馆应用中刷新入馆码后重试',
    'hint.see_opening_hours': '请在开放时间内再来',
    'hint.try_another_way_in': '请换一种方式入馆，或到服务台咨询',
    'hint.other': '请到服务台咨询',
    'seats.title': '本室座位',
    'state.free': '空闲',
    'state.reserved': '已预约',
    'state.occupied': '使用中',
    'state.away': '暂离',
    'state.out_of_order': '暂停使用',
    'seats.tap': '请在本机读卡器上刷卡选座',
    'seats.choose': '已读卡，请点选空闲座位签到',
    'seats.yours': '您的座位 {seat}',
    'seats.left': '剩余 {s} 秒',
    'action.checkin': '签到',
    'action.back': '我回来了',
    'action.leave': '暂离',
    'action.checkout': '签退',
    'action.done': '完成',
    'done.check-in': '已在 {seat} 号座位签到，台灯已打开',
    'done.leave': '暂离已开始，座位为您保留',
    'done.check-out': '已签退，谢谢！',
    'error.tap_first': '请先刷卡',
    'error.seat_taken': '该座位已被占用',
    'error.seat_reserved': '该座位已被他人预约',
    'error.seat_out_of_order': '该座位暂停使用',
    'error.no_leave_left': '本次已没有暂离次数',
    'error.not_your_seat': '这不是您的座位',
    'error.not_a_card': '无法读取该卡，请重试',
    'error.other': '操作未成功，请重试',
    'action.book': '预约座位',
    'action.cancel': '返回',
    'booking.choose': '请选择开始时间和时长，然后点选空闲座位预约',
    'booking.now': '现在',
    'booking.from': '{time} 起',
    'booking.hours': '{h} 小时',
    'booking.done': '已预约 {seat} 号座位，{from}\u2013{to}。请到座位刷卡签到。',
    'booking.seat_taken': '该座位此时段已被预约，请另选',
    'booking.banned': '因多次违约，您的预约权限已暂停，请到服务台咨询',
    'booking.outside_window': '该时段暂不可预约',
    'booking.closed': '该时段图书馆闭馆',
    'booking.walk_up_only': '本区座位不可预约，请直接在空闲座位就座',
    'booking.already_booked': '您在该时段已有预约',
    'booking.unknown_credential': '此卡未登记，无法预约，请到服务台咨询',
    'booking.not_admitted': '您的借阅账户暂时无法预约，请到服务台咨询',
    'booking.hub_offline': '预约需要连接图书馆系统，目前无法连接。请直接在空闲座位就座。',
    'booking.other': '预约未成功，请重试',
    'room.title': '研讨室',
    'room.state.free': '当前空闲',
    'room.state.reserved': '已预约，等待签到',
    'room.state.occupied': '使用中',
    'room.state.away': '使用中（暂离）',
    'room.state.out_of_order': '暂停使用',
    'room.bookings': '今日预约',
    'room.now': '进行中',
    'room.people': '{n} 人',
    'room.joinCode': '加入码',
    'room.tap': '请刷卡或在读卡器上扫描预约码签到',
    'room.yours': '已读卡，请选择操作',
    'feedback.title.gate': '本次到馆体验如何？',
    'feedback.title.reading-room': '本次学习体验如何？',
    'feedback.title.room': '本次研讨室使用体验如何？',
    'feedback.1': '很差',
    'feedback.2': '较差',
    'feedback.3': '一般',
    'feedback.4': '较好',
    'feedback.5': '很好',
    'feedback.skip': '跳过',
    'feedback.thanks': '感谢您的评价',
    'feedback.more': '有什么具体想说的吗？（可选）',
    'feedback.comment': '也可以写几句话',
    'feedback.send': '提交',
    'feedback.topic.noise': '噪音',
    'feedback.topic.temperature': '温度不适',
    'feedback.topic.seats': '找座位',
    'feedback.topic.wifi': '无线网络',
    'feedback.topic.power': '电源插座',
    'feedback.topic.lighting': '照明',
    'feedback.topic.cleanliness': '卫生',
    'feedback.topic.staff': '馆员服务',
    'farewell.hello': '再见',
    'farewell.helloName': '再见，',
    'farewell.go': '感谢光临，欢迎再来',
  },
};

/** What the language button shows: the other language, in that language. */
const NATIVE = { 'en': 'English', 'zh-CN': '中文' };

let current = 'zh-CN';

export function language() {
  return current;
}

export function setLanguage(lang) {
  current = STRINGS[lang] ? lang : 'zh-CN';
  document.documentElement.lang = current;
  for (const node of document.querySelectorAll('[data-i18n]')) {
    node.textContent = t(node.dataset.i18n);
  }
}

/** The other language, for the switch. */
export function other() {
  return current === 'en' ? 'zh-CN' : 'en';
}

export function nativeName(lang) {
  return NATIVE[lang];
}

/** The string for key in the current language, with {name} filled from params. */
export function t(key, params = {}) {
  const text = STRINGS[current][key] ?? STRINGS[current][fallbackKey(key)] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? ''));
}

/** Codes from the agent that have no string of their own fall back to the family's "other". */
function fallbackKey(key) {
  return key.slice(0, key.indexOf('.') + 1) + 'other';
}

/** A name the library gave in both languages ({en, zh-CN}), or one text for both. */
export function pick(names) {
  if (typeof names === 'string') return names;
  return names?.[current] ?? Object.values(names ?? {})[0] ?? '';
}

/** Today's date and the time, as the current language writes them. */
export function clock(now = new Date()) {
  const locale = current === 'en' ? 'en-GB' : 'zh-CN';
  return {
    time: new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hour12: false }).format(now),
    date: new Intl.DateTimeFormat(locale, { weekday: 'long', month: 'long', day: 'numeric' }).format(now),
  };
}
