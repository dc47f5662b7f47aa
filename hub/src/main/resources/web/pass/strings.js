// The pass page's words in both languages. Every string a patron reads is here, so switching the language
// changes every visible string; what the library wrote (event titles, room ids, the patron's name) is shown
// as it is and marked translate="no". The hub's own error texts are English: the page shows these
// instead, chosen by status and refusal code (docs/engagement.md).

const STRINGS = {
  'en': {
    'title': 'Library pass',
    'signin.patron': 'Patron id',
    'signin.pin': 'PIN',
    'signin.submit': 'Sign in',
    'signin.wrong': 'Wrong patron id or PIN.',
    'signin.locked': 'Too many wrong PINs: sign-in is locked for a while. Try again later.',
    'signin.missing': 'Enter your patron id and PIN.',
    'greeting': 'Hello, ',
    'tab.pass': 'Pass',
    'tab.events': 'Events',
    'tab.volunteering': 'Volunteering',
    'pass.qr': 'Your entry pass as a QR code',
    'pass.hint': 'Show this at the gate. It renews itself; a screenshot stops working within a minute.',
    'signout': 'Sign out',
    'events.mine': 'My registrations',
    'events.upcoming': 'Upcoming events',
    'events.none': 'No upcoming events.',
    'events.noneMine': 'You have not registered for an event.',
    'kind.lecture': 'Lecture',
    'kind.workshop': 'Workshop',
    'kind.reading_club': 'Reading club',
    'kind.other': 'Event',
    'room': 'Room',
    'places.left': '{n} places left',
    'places.one': '1 place left',
    'places.full': 'Full',
    'places.waiting': 'Full, {n} waiting',
    'mine.place': 'You have a place',
    'mine.waitlist': 'Waitlist position {n}',
    'mine.checkedIn': 'Checked in',
    'cancelled': 'Cancelled',
    'action.register': 'Register',
    'action.waitlist': 'Join the waitlist',
    'action.withdraw': 'Withdraw',
    'action.signup': 'Sign up',
    'done.place': 'Registered: you have a place.',
    'done.waitlist': 'The event is full: you are number {n} on the waitlist.',
    'done.withdrawn': 'Withdrawn.',
    'done.signedUp': 'Signed up. Thank you!',
    'shifts.hours': 'My volunteer hours',
    'shifts.credited': '{h} h {m} min over {n} shifts',
    'shifts.creditedOne': '{h} h {m} min over 1 shift',
    'shifts.creditedNone': 'No hours credited yet.',
    'shifts.upcoming': 'Volunteer shifts',
    'shifts.none': 'No upcoming shifts.',
    'slots.left': '{n} slots left',
    'slots.one': '1 slot left',
    'slots.full': 'No slots left',
    'mine.signedUp': 'You are signed up',
    'error.session': 'Your session has ended. Please sign in again.',
    'error.noPass': 'No pass: your library account is suspended or expired. Please see the desk.',
    'error.bad': 'The library could not take that request. Reload the page and try again.',
    'error.gone': 'That is no longer offered. The list has been updated.',
    'error.server': 'Something went wrong at the library. Please try again later.',
    'error.network': 'No connection to the library. Check your network and try again.',
    'refused.registration_not_open': 'Registration has not opened yet.',
    'refused.registration_closed': 'Registration has closed.',
    'refused.event_cancelled': 'This event has been cancelled.',
    'refused.event_started': 'The event has started: you can no longer withdraw.',
    'refused.not_admitted': 'Your library account is suspended or expired. Please see the desk.',
    'refused.shift_full': 'Sorry, this shift has just filled up.',
    'refused.shift_started': 'The shift has started: it can no longer be changed.',
    'refused.shift_cancelled': 'This shift has been cancelled.',
    'tab.bookings': 'Bookings',
    'bookings.mine': 'My bookings',
    'bookings.noneMine': 'You have no current or upcoming booking.',
    'bookings.seat': 'Book a seat',
    'bookings.zone': 'Reading room',
    'bookings.start': 'Start',
    'bookings.length': 'Length',
    'bookings.now': 'Now',
    'bookings.today': 'Today {time}',
    'bookings.tomorrow': 'Tomorrow {time}',
    'bookings.hours': '{h} h',
    'bookings.minutes': '{m} min',
    'bookings.pick': 'Tap a free seat to book it.',
    'bookings.noneFree': 'No seat is free then. Try another time or room.',
    'bookings.noSeats': 'No seats can be booked here; walk up to a free one.',
    'bookings.room': 'Book a discussion room',
    'bookings.roomName': 'Room',
    'bookings.group': 'At least {n} people, you included, must join with the code within 15 minutes of the start.',
    'bookings.noRooms': 'No discussion room can be booked.',
    'bookings.join': 'Join a room',
    'bookings.joinCode': 'Join code from the organiser',
    'bookings.code': 'Join code:',
    'bookings.checkInBy': 'Booked: check in at the seat by {time}',
    'bookings.checkedIn': 'Checked in',
    'bookings.forming': 'Waiting for your group: {n} people needed, you included',
    'bookings.roomBooked': 'Booked: your group is complete',
    'bookings.leave': 'On a break until {time}',
    'bookings.banned': 'You cannot book until {time} after repeated violations.',
    'bookings.violations': 'My violations',
    'bookings.noViolations': 'No violations.',
    'violation.no_show': 'No-show: not checked in in time',
    'violation.leave_overrun': 'Break too long: not back in time',
    'violation.exam': 'exam period',
    'violation.voided': 'Cancelled: it no longer counts',
    'appeal.reason': 'Why should this not count?',
    'appeal.missing': 'Please write why, then appeal.',
    'appeal.pending': 'Appeal sent: waiting for the library’s decision',
    'appeal.accepted': 'Appeal accepted',
    'appeal.rejected': 'Appeal rejected',
    'appeal.note': 'The library’s note:',
    'action.cancel': 'Cancel booking',
    'action.extend': 'Extend by 1 hour',
    'action.bookRoom': 'Book the room',
    'action.join': 'Join',
    'action.appeal': 'Appeal',
    'done.seat': 'Seat {seat} booked, {time}.',
    'done.room': 'Room booked. Share the join code {code}: {n} people needed, you included.',
    'done.joined': 'You have joined the room.',
    'done.cancelled': 'Booking cancelled.',
    'done.extended': 'Extended until {time}.',
    'done.appealed': 'Appeal sent. The library will decide.',
    'refused.seat_taken': 'Sorry, someone has just booked it for that time. Choose another seat or time.',
    'refused.walk_up_only': 'This seat cannot be booked: walk up to it instead.',
    'refused.outside_window': 'That time cannot be booked: today can be, and tomorrow from the evening before.',
    'refused.closed': 'The library is closed then.',
    'refused.banned': 'You cannot book for now after repeated violations.',
    'refused.already_booked': 'You already have a booking at that time.',
    'refused.not_in_last_hour': 'A booking can be extended in its last hour only.',
    'refused.booked_next': 'Someone has booked it next: it cannot be extended.',
    'refused.not_live': 'This booking has already ended.',
    'refused.already_appealed': 'You have already appealed this violation.',
    'refused.code': 'No room booking has that code. Check the six digits.',
    'refused.other': 'The library refused that request.',
  },
  'zh-CN': {
    'title': '图书馆通行证',
    'signin.patron': '读者证号',
    'signin.pin': '密码',
    'signin.submit': '登录',
    'signin.wrong': '读者证号或密码错误。',
    'signin.locked': '密码错误次数过多，登录已暂时锁定，请稍后再试。',
    'signin.missing': '请输入读者证号和密码。',
    'greeting': '您好，',
    'tab.pass': '通行证',
    'tab.events': '活动',
    'tab.volunteering': '志愿服务',
    'pass.qr': '您的入馆通行二维码',
    'pass.hint': '请在闸机处出示。二维码会自动更新，截图一分钟内失效。',
    'signout': '退出登录',
    'events.mine': '我的报名',
    'events.upcoming': '近期活动',
    'events.none': '近期没有活动。',
    'events.noneMine': '您还没有报名任何活动。',
    'kind.lecture': '讲座',
    'kind.workshop': '工作坊',
    'kind.reading_club': '读书会',
    'kind.other': '活动',
    'room': '地点',
    'places.left': '剩余 {n} 个名额',
    'places.one': '剩余 1 个名额',
    'places.full': '已满',
    'places.waiting': '已满，{n} 人候补',
    'mine.place': '您已获得名额',
    'mine.waitlist': '候补第 {n} 位',
    'mine.checkedIn': '已签到',
    'cancelled': '已取消',
    'action.register': '报名',
    'action.waitlist': '加入候补',
    'action.withdraw': '取消报名',
    'action.signup': '报名参加',
    'done.place': '报名成功：您已获得名额。',
    'done.waitlist': '活动已满：您是候补第 {n} 位。',
    'done.withdrawn': '已取消。',
    'done.signedUp': '报名成功，感谢您的参与！',
    'shifts.hours': '我的志愿时长',
    'shifts.credited': '共 {n} 个班次，{h} 小时 {m} 分钟',
    'shifts.creditedOne': '共 1 个班次，{h} 小时 {m} 分钟',
    'shifts.creditedNone': '暂无志愿时长记录。',
    'shifts.upcoming': '志愿服务班次',
    'shifts.none': '近期没有志愿服务班次。',
    'slots.left': '剩余 {n} 个岗位',
    'slots.one': '剩余 1 个岗位',
    'slots.full': '岗位已满',
    'mine.signedUp': '您已报名',
    'error.session': '登录已过期，请重新登录。',
    'error.noPass': '无法生成通行证：您的借阅账户已暂停或过期，请到服务台咨询。',
    'error.bad': '图书馆无法处理该请求，请刷新页面后重试。',
    'error.gone': '该项目已不再提供，列表已更新。',
    'error.server': '图书馆系统出现问题，请稍后再试。',
    'error.network': '无法连接图书馆，请检查网络后重试。',
    'refused.registration_not_open': '报名尚未开始。',
    'refused.registration_closed': '报名已截止。',
    'refused.event_cancelled': '该活动已取消。',
    'refused.event_started': '活动已开始，无法取消报名。',
    'refused.not_admitted': '您的借阅账户已暂停或过期，请到服务台咨询。',
    'refused.shift_full': '抱歉，该班次刚刚报满。',
    'refused.shift_started': '班次已开始，无法更改。',
    'refused.shift_cancelled': '该班次已取消。',
    'tab.bookings': '预约',
    'bookings.mine': '我的预约',
    'bookings.noneMine': '您目前没有进行中或即将开始的预约。',
    'bookings.seat': '预约座位',
    'bookings.zone': '阅览室',
    'bookings.start': '开始时间',
    'bookings.length': '时长',
    'bookings.now': '现在',
    'bookings.today': '今天 {time}',
    'bookings.tomorrow': '明天 {time}',
    'bookings.hours': '{h} 小时',
    'bookings.minutes': '{m} 分钟',
    'bookings.pick': '点击空闲座位即可预约。',
    'bookings.noneFree': '该时段没有空闲座位，请换个时间或阅览室。',
    'bookings.noSeats': '此处座位不可预约，请直接前往空闲座位。',
    'bookings.room': '预约研讨室',
    'bookings.roomName': '研讨室',
    'bookings.group': '开始后 15 分钟内，须至少 {n} 人（含您）用邀请码加入。',
    'bookings.noRooms': '暂无可预约的研讨室。',
    'bookings.join': '加入研讨室',
    'bookings.joinCode': '组织者提供的邀请码',
    'bookings.code': '邀请码：',
    'bookings.checkInBy': '已预约：请在 {time} 前到座签到',
    'bookings.checkedIn': '已签到',
    'bookings.forming': '等待成员加入：需 {n} 人（含您）',
    'bookings.roomBooked': '已预约：成员已齐',
    'bookings.leave': '暂离至 {time}',
    'bookings.banned': '因多次违约，{time} 前不能预约。',
    'bookings.violations': '我的违约记录',
    'bookings.noViolations': '没有违约记录。',
    'violation.no_show': '未签到：未按时签到',
    'violation.leave_overrun': '暂离超时：未按时返回',
    'violation.exam': '考试周',
    'violation.voided': '已撤销：不再计入',
    'appeal.reason': '申诉理由',
    'appeal.missing': '请先填写申诉理由。',
    'appeal.pending': '申诉已提交，等待图书馆处理',
    'appeal.accepted': '申诉已通过',
    'appeal.rejected': '申诉未通过',
    'appeal.note': '图书馆说明：',
    'action.cancel': '取消预约',
    'action.extend': '延长 1 小时',
    'action.bookRoom': '预约研讨室',
    'action.join': '加入',
    'action.appeal': '申诉',
    'done.seat': '已预约座位 {seat}，{time}。',
    'done.room': '研讨室已预约。请分享邀请码 {code}：需 {n} 人（含您）。',
    'done.joined': '您已加入该研讨室。',
    'done.cancelled': '预约已取消。',
    'done.extended': '已延长至 {time}。',
    'done.appealed': '申诉已提交，图书馆将会处理。',
    'refused.seat_taken': '抱歉，该时段刚刚被他人预约，请选择其他座位或时间。',
    'refused.walk_up_only': '该座位不可预约，请直接前往使用。',
    'refused.outside_window': '该时段不可预约：可预约当天，次日的座位从前一天晚上起开放预约。',
    'refused.closed': '该时段图书馆不开放。',
    'refused.banned': '因多次违约，您暂时不能预约。',
    'refused.already_booked': '您在该时段已有预约。',
    'refused.not_in_last_hour': '预约只能在最后一小时内延长。',
    'refused.booked_next': '之后已有他人预约，无法延长。',
    'refused.not_live': '该预约已结束。',
    'refused.already_appealed': '您已对该违约记录提出过申诉。',
    'refused.code': '没有与该邀请码对应的研讨室预约，请核对六位数字。',
    'refused.other': '图书馆拒绝了该请求。',
  },
};

export const LANGUAGES = {'en': 'English', 'zh-CN': '中文'};
let current = 'en';

/** The language from ?lang=, then the last choice on this phone, then the phone's own. */
export function chooseLanguage() {
  const asked = new URLSearchParams(location.search).get('lang') || localStorage.getItem('carrel.pass.lang')
      || (navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en');
  return setLanguage(STRINGS[asked] ? asked : 'en');
}

export function setLanguage(lang) {
  current = lang;
  localStorage.setItem('carrel.pass.lang', lang);
  document.documentElement.lang = lang;
  return lang;
}

export function language() {
  return current;
}

export function has(key) {
  return key in STRINGS.en;
}

/** The string for key in the current language, {name} replaced from vars. */
export function t(key, vars = {}) {
  const text = STRINGS[current][key] ?? STRINGS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(vars[name]));
}

/** Translates every element with data-i18n (its text) or data-i18n-label (its aria-label). */
export function translatePage() {
  document.title = t('title');
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll('[data-i18n-label]')) el.setAttribute('aria-label', t(el.dataset.i18nLabel));
}

/** A moment in the current language, in the phone's time zone: its day and time, or only the time. */
export function moment(iso, withDay = true) {
  const d = new Date(iso);
  const time = new Intl.DateTimeFormat(current, {hour: '2-digit', minute: '2-digit', hour12: false}).format(d);
  if (!withDay) return time;
  return new Intl.DateTimeFormat(current, {weekday: 'short', month: 'short', day: 'numeric'}).format(d) + ' ' + time;
}

/** Start and end of an event or shift in the current language, in the phone's time zone. */
export function when(startsAt, endsAt) {
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  const day = {weekday: 'short', month: 'short', day: 'numeric'};
  const time = {hour: '2-digit', minute: '2-digit', hour12: false};
  const fmt = options => new Intl.DateTimeFormat(current, options);
  const sameDay = start.toDateString() === end.toDateString();
  return fmt(day).format(start) + ' ' + fmt(time).format(start) + '–'
      + (sameDay ? '' : fmt(day).format(end) + ' ') + fmt(time).format(end);
}
