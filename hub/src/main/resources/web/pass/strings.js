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
