// Every word the dashboard shows, in Chinese and English. Data from the hub (ids, names, notes, error
// messages) is shown as it is, marked translate="no". The choice is remembered in localStorage.

const STRINGS = {
  'en': {
    'app.title': 'Carrel', 'lang.switch': '中文', 'signout': 'Sign out',
    'nav.fleet': 'Fleet', 'nav.floor': 'Floor plan', 'nav.lighting': 'Lighting & power',
    'nav.schedules': 'Schedules', 'nav.patrons': 'Patrons', 'nav.devices': 'Device enrolment',
    'nav.audit': 'Audit log', 'nav.analytics': 'Analytics',
    'an.entries': 'Entries', 'an.visitors': 'Unique visitors', 'an.newVisitors': 'New visitors',
    'an.averageDwellMinutes': 'Average stay (min)', 'an.peakHour': 'Peak hour', 'an.unpairedEntries': 'Entries without exit',
    'an.verifiedHours': 'Verified seat hours', 'an.seatSessions': 'Seat sessions', 'an.noShowRate': 'No-show rate',
    'an.energyWh': 'Energy (Wh)', 'an.visits': 'Visits', 'an.visitsPerDay': 'Entries per day',
    'an.visitorsPerDay': 'Unique visitors per day', 'an.noData': 'No data in this range.',
    'an.peak-hours': 'Peak hours', 'an.entriesByHour': 'Entries by hour of day', 'an.dwell': 'Length of stay',
    'an.visitsByDwell': 'Visits by minutes stayed', 'an.seats': 'Seat utilisation by zone and hour (%)',
    'an.zones': 'Zones: sessions and no-shows', 'an.segments': 'Segments', 'an.awards/time': 'Award: most verified study time',
    'an.awards/loans': 'Award: most loans', 'an.energy': 'Energy per zone', 'an.csv': 'CSV',
    'an.rule.time': 'Verified seat time (seat occupied while its sensor saw someone), counted up to the daily cap (10 h unless configured). Ties: more days with verified time first, then the smaller patron id.',
    'an.rule.loans': 'Loans in the quarter from the library system. Ties: more days with loans first, then the smaller patron id.',
    'an.kind.area': 'area', 'an.kind.room': 'room',
    'an.col.zone': 'Zone', 'an.col.name': 'Name', 'an.col.kind': 'Kind', 'an.col.seats': 'Seats', 'an.col.sessions': 'Sessions',
    'an.col.noShows': 'No-shows', 'an.col.noShowRate': 'No-show rate', 'an.col.occupiedHours': 'Occupied hours',
    'an.col.utilisation': 'Utilisation', 'an.col.group': 'Group', 'an.col.college': 'College', 'an.col.visitors': 'Visitors',
    'an.col.entries': 'Entries', 'an.col.averageDwellMinutes': 'Average stay (min)', 'an.col.seatHours': 'Seat hours',
    'an.col.verifiedHours': 'Verified hours', 'an.col.bookings': 'Bookings', 'an.col.satisfaction': 'Satisfaction (1-5)',
    'an.col.rank': 'Rank', 'an.col.loans': 'Loans', 'an.col.days': 'Days', 'an.col.energyWh': 'Energy (Wh)',
    'an.col.meteredOccupiedSeatHours': 'Metered occupied seat hours', 'an.col.whPerOccupiedSeatHour': 'Wh per occupied seat hour',
    'nav.engagement': 'Engagement',
    'sat.title': 'Satisfaction by month', 'sat.by.zone': 'By zone', 'sat.by.group': 'By patron group',
    'sat.rule': 'The average of the one-tap ratings (1 to 5) in each calendar month, and how many rated; — where nobody rated.',
    'sat.count': '{n} rated', 'sat.noZone': 'No zone (gates)',
    'fb.title': 'Newest feedback', 'fb.context': 'After', 'fb.score': 'Score', 'fb.comment': 'Comment',
    'fb.ctx.exit': 'leaving', 'fb.ctx.seat_session': 'a seat session', 'fb.ctx.room_session': 'a room session',
    'ev.title': 'Events', 'ev.create': 'New event', 'ev.upcoming': 'Upcoming and running', 'ev.past': 'Past (90 days)',
    'ev.kind.lecture': 'lecture', 'ev.kind.workshop': 'workshop', 'ev.kind.reading_club': 'reading club', 'ev.kind.other': 'other',
    'ev.col.title': 'Title', 'ev.col.place': 'Place', 'ev.col.capacity': 'Capacity', 'ev.col.places': 'Registered',
    'ev.col.waitlist': 'Waitlisted', 'ev.col.checkedIn': 'Checked in', 'ev.col.patron': 'Patron', 'ev.col.registeredAt': 'Registered at',
    'ev.state.scheduled': 'upcoming', 'ev.state.running': 'running', 'ev.state.ended': 'ended', 'ev.state.cancelled': 'cancelled',
    'ev.cancel': 'Cancel event', 'ev.cancelConfirm': 'Cancel the event “{title}”? Registered patrons will see it cancelled.',
    'ev.cancelled.done': '“{title}” is cancelled.', 'ev.registrations': 'registrations', 'ev.noRegistrations': 'Nobody has registered yet.',
    'ev.place': 'has a place', 'ev.waitlisted': 'waitlist, position {n}',
    'ev.by.card': 'by card', 'ev.by.qr': 'by mobile pass', 'ev.by.staff': 'by staff',
    'vs.title': 'Volunteer shifts', 'vs.create': 'New shift', 'vs.col.signedUp': 'Volunteers / slots',
    'vs.cancel': 'Cancel shift', 'vs.cancelConfirm': 'Cancel the shift “{title}”?', 'vs.signups': 'volunteers',
    'vs.noSignups': 'Nobody has signed up yet.', 'vs.col.signedUpAt': 'Signed up', 'vs.col.in': 'Checked in', 'vs.col.out': 'Checked out',
    'vh.title': 'Volunteer hours', 'vh.time': 'Time credited', 'vh.shifts': 'Shifts',
    'vh.rule': 'Only checked-in time within the shift counts, for shifts starting in the range; without a check-out, up to the end of the shift.',
    'eng.create': 'Create', 'eng.created': 'Created.', 'eng.noZone': 'none',
    'eng.f.title': 'Title', 'eng.f.kind': 'Kind', 'eng.f.zone': 'Zone', 'eng.f.startsAt': 'Starts', 'eng.f.endsAt': 'Ends',
    'eng.f.capacity': 'Places', 'eng.f.registrationOpens': 'Registration opens (default now)',
    'eng.f.registrationCloses': 'Registration closes (default at the start)', 'eng.f.slots': 'Volunteers needed',
    'eng.f.from': 'From', 'eng.f.to': 'To', 'eng.f.by': 'By',
    'live.up': 'Live', 'live.down': 'Reconnecting…',
    'role.admin': 'administrator', 'role.facilities': 'facilities', 'role.librarian': 'librarian',
    'signin.title': 'Staff sign-in', 'signin.user': 'User name', 'signin.password': 'Password',
    'signin.go': 'Sign in', 'signin.wrong': 'Wrong user name or password.',
    'signin.locked': 'Too many failed attempts: this account is locked for a while.',
    'forbidden': 'Your role may not open this page.', 'error': 'Error', 'loading': 'Loading…',
    'none': 'None.', 'save': 'Save', 'saved': 'Saved.', 'cancel': 'Cancel', 'remove': 'Remove',
    'add': 'Add', 'refresh': 'Refresh', 'filter': 'Filter', 'all': 'All', 'yes': 'yes', 'no': 'no',
    'fleet.alerts': 'Open alerts', 'fleet.noAlerts': 'No open alerts.', 'fleet.agents': 'Agents',
    'fleet.filter': 'Filter by name', 'fleet.onlineOnly': 'Online', 'fleet.offlineOnly': 'Offline',
    'col.agent': 'Agent', 'col.state': 'State', 'col.lastSeen': 'Last seen', 'col.version': 'Version',
    'col.uptime': 'Uptime', 'col.memory': 'Memory', 'col.temp': 'Temperature', 'col.outbox': 'Outbox',
    'col.faults': 'Faults', 'col.kind': 'Kind', 'col.message': 'Message', 'col.opened': 'Opened',
    'col.actions': '', 'col.id': 'Id', 'col.time': 'Time', 'col.type': 'Type', 'col.detail': 'Detail',
    'state.online': 'online', 'state.offline': 'offline',
    'alert.acknowledge': 'Acknowledge', 'alert.resolve': 'Resolve', 'alert.acknowledged': 'acknowledged',
    'alert.open': 'open',
    'alert.offline': 'Offline', 'alert.reader_fault': 'Reader fault', 'alert.device_fault': 'Device fault',
    'alert.outbox_backlog': 'Outbox backlog', 'alert.high_temperature': 'High temperature',
    'agent.back': '← Fleet', 'agent.endpoints': 'Endpoints', 'agent.twin': 'Twin: desired and reported',
    'agent.inSync': 'In sync (version {v})', 'agent.outOfSync': 'Not in sync: desired {d}, applied {a}',
    'agent.path': 'Setting', 'agent.desired': 'Desired', 'agent.reported': 'Reported',
    'agent.events': 'Recent events', 'agent.telemetry': 'Telemetry, last hour',
    'agent.commands': 'Commands', 'cmd.identify': 'Identify', 'cmd.reload': 'Reload configuration',
    'cmd.sync': 'Sync now', 'cmd.sent': '{c} sent to {a}.',
    'chart.memory': 'Memory (MB)', 'chart.temp': 'CPU temperature (°C)', 'chart.outbox': 'Outbox depth',
    'chart.empty': 'No samples in this range.',
    'floor.building': 'Building', 'floor.floor': 'Floor', 'floor.seats': '{n} seats',
    'floor.free': 'free', 'floor.reserved': 'reserved', 'floor.occupied': 'occupied', 'floor.away': 'away',
    'floor.out_of_order': 'out of order', 'floor.unknown': 'not reported', 'floor.lamp': 'lamp',
    'floor.outlet': 'outlet', 'floor.sensor': 'sensor', 'floor.present': 'someone there',
    'floor.empty': 'This floor has no zones.',
    'light.target': 'What to switch', 'light.level': 'Level', 'level.seat': 'Seat', 'level.zone': 'Zone',
    'level.floor': 'Floor', 'level.building': 'Building', 'light.lamps': 'Lamps', 'light.outlets': 'Outlets',
    'light.on': 'On', 'light.off': 'Off', 'light.dim': 'Dim to', 'light.unchanged': 'Leave',
    'light.go': 'Switch', 'light.requests': 'Switching', 'light.pending': 'pending', 'light.applied': 'applied',
    'light.failed': 'failed', 'light.expired': 'expired', 'light.endpoint': 'Device',
    'light.reported': 'Reported now', 'light.power': 'Power per zone (plugs that report it)',
    'light.noPower': 'No plug in this building reports its power.', 'light.watts': '{w} W',
    'light.nothing': 'Choose lamps or outlets to switch.',
    'sched.building': 'Building', 'sched.weekly': 'Opening hours', 'sched.closed': 'closed',
    'sched.exceptions': 'Holidays and exam periods', 'sched.from': 'From', 'sched.to': 'To',
    'sched.kind': 'Kind', 'sched.hours': 'Hours', 'sched.note': 'Note', 'sched.holiday': 'holiday',
    'sched.exam': 'exam period', 'sched.actions': 'Closing actions', 'sched.warn': 'Warn minutes before closing',
    'sched.atOpening': 'At opening', 'sched.beforeClosing': 'Before closing', 'sched.atClosing': 'At closing',
    'act.warning_blink': 'blink lamps', 'act.release_seats': 'release seats', 'act.lamps_off': 'lamps off',
    'act.outlets_off': 'outlets off', 'act.common_lighting_on': 'common lighting on',
    'sched.calendar': 'Next six weeks', 'sched.hint': 'HH:MM-HH:MM, or empty for closed',
    'day.mon': 'Mon', 'day.tue': 'Tue', 'day.wed': 'Wed', 'day.thu': 'Thu', 'day.fri': 'Fri', 'day.sat': 'Sat',
    'day.sun': 'Sun',
    'pat.search': 'Search by id or name', 'pat.status': 'Status', 'pat.active': 'active',
    'pat.suspended': 'suspended', 'pat.expired': 'expired', 'pat.name': 'Name', 'pat.group': 'Group',
    'pat.college': 'College', 'pat.validUntil': 'Valid until', 'pat.credentials': 'Ways in',
    'pat.suspend': 'Suspend', 'pat.reactivate': 'Reactivate', 'pat.off':
      'The patron registry is off on this hub. It is turned on by setting the site secret:',
    'pat.import': 'Import from the campus card system (CSV)', 'pat.dryRun': 'Dry run: check and count only',
    'pat.removeMissing': 'Remove patrons the file leaves out', 'pat.start': 'Import',
    'pat.progress': '{p} of {t} rows', 'pat.report':
      'added {added}, changed {changed}, unchanged {unchanged}, removed {removed}, failed {failed}',
    'pat.row': 'Row', 'pat.field': 'Field', 'pat.more': 'More', 'pat.export': 'Export data (JSON)',
    'pat.erase': 'Erase', 'pat.eraseConfirm': 'Erase everything Carrel holds about patron {id}? This cannot be undone.',
    'pat.erased': 'Patron {id} was erased.',
    'vio.title': 'Violations', 'vio.pending': 'Appeals waiting for a decision', 'vio.kind': 'Violation',
    'vio.no_show': 'no-show', 'vio.leave_overrun': 'leave overrun', 'vio.counted': 'counted', 'vio.voided': 'voided',
    'vio.appeal': 'Appeal', 'appeal.pending': 'waiting', 'appeal.accepted': 'accepted', 'appeal.rejected': 'rejected',
    'vio.accept': 'Accept', 'vio.reject': 'Reject',
    'grp.undergraduate': 'undergraduate', 'grp.postgraduate': 'postgraduate', 'grp.faculty': 'faculty',
    'grp.staff': 'staff', 'grp.visitor': 'visitor', 'grp.unknown': 'unknown', 'cred.card_uid': 'campus card', 'cred.wiegand': 'Wiegand card',
    'cred.face': 'face', 'cred.nfc_phone': 'phone (NFC)',
    'dev.create': 'New enrolment token', 'dev.role': 'Device', 'dev.zone': 'Zone', 'dev.hours': 'Valid for (hours)',
    'dev.note': 'Note', 'dev.make': 'Create token', 'dev.tokens': 'Tokens', 'dev.devices': 'Enrolled devices',
    'dev.scan': 'Scan this code with the new device, or type the token. It is shown only now.',
    'dev.revoke': 'Revoke', 'dev.revoked': 'revoked', 'dev.enrolledAt': 'Enrolled', 'dev.host': 'Host',
    'dev.expires': 'Expires', 'dev.usedBy': 'Used by', 'dev.state': 'State', 'dev.active': 'enrolled',
    'tok.open': 'open', 'tok.used': 'used', 'tok.expired': 'expired', 'tok.revoked': 'revoked',
    'role.gate-kiosk': 'gate kiosk', 'role.reading-room': 'reading room', 'role.room-door': 'room door',
    'audit.who': 'Who', 'audit.what': 'What', 'audit.status': 'Status', 'audit.from': 'From',
    'audit.user': 'User', 'audit.path': 'Path starts with', 'audit.method': 'Method', 'audit.since': 'Since',
    'audit.via': 'Via', 'audit.older': 'Older entries',
    'ago.s': '{n} s ago', 'ago.m': '{n} min ago', 'ago.h': '{n} h ago', 'ago.d': '{n} d ago',
    'dur.s': '{n} s', 'dur.m': '{n} min', 'dur.h': '{h} h {m} min', 'dur.d': '{d} d {h} h',
  },
  'zh-CN': {
    'app.title': 'Carrel', 'lang.switch': 'English', 'signout': '退出',
    'nav.fleet': '设备', 'nav.floor': '楼层平面', 'nav.lighting': '照明与电源', 'nav.schedules': '开放时间',
    'nav.patrons': '读者', 'nav.devices': '设备注册', 'nav.audit': '审计日志', 'nav.analytics': '统计分析',
    'an.entries': '入馆人次', 'an.visitors': '到馆人数', 'an.newVisitors': '新读者', 'an.averageDwellMinutes': '平均停留（分钟）',
    'an.peakHour': '高峰时段', 'an.unpairedEntries': '无出馆记录', 'an.verifiedHours': '核验在座小时', 'an.seatSessions': '座位使用次数',
    'an.noShowRate': '爽约率', 'an.energyWh': '用电（瓦时）', 'an.visits': '到馆', 'an.visitsPerDay': '每日入馆人次',
    'an.visitorsPerDay': '每日到馆人数', 'an.noData': '此时间段内没有数据。', 'an.peak-hours': '高峰时段',
    'an.entriesByHour': '各小时入馆人次', 'an.dwell': '停留时长', 'an.visitsByDwell': '按停留分钟数的到馆次数',
    'an.seats': '各区域各小时座位利用率（%）', 'an.zones': '区域：使用次数与爽约', 'an.segments': '读者分组',
    'an.awards/time': '奖项：核验学习时间最长', 'an.awards/loans': '奖项：借阅最多', 'an.energy': '各区域用电', 'an.csv': 'CSV',
    'an.rule.time': '核验在座时间（座位有人且座位传感器检测到人），每天最多计入上限（默认 10 小时）。并列时：有核验时间的天数多者在前，再按读者证号从小到大。',
    'an.rule.loans': '本季度借阅量（来自图书馆系统）。并列时：有借阅的天数多者在前，再按读者证号从小到大。',
    'an.kind.area': '区域', 'an.kind.room': '研讨室',
    'an.col.zone': '区域', 'an.col.name': '名称', 'an.col.kind': '类型', 'an.col.seats': '座位数', 'an.col.sessions': '使用次数',
    'an.col.noShows': '爽约', 'an.col.noShowRate': '爽约率', 'an.col.occupiedHours': '占用小时', 'an.col.utilisation': '利用率',
    'an.col.group': '类别', 'an.col.college': '学院', 'an.col.visitors': '人数', 'an.col.entries': '入馆人次',
    'an.col.averageDwellMinutes': '平均停留（分钟）', 'an.col.seatHours': '在座小时', 'an.col.verifiedHours': '核验小时',
    'an.col.bookings': '预约', 'an.col.satisfaction': '满意度（1-5）', 'an.col.rank': '名次', 'an.col.loans': '借阅量',
    'an.col.days': '天数', 'an.col.energyWh': '用电（瓦时）', 'an.col.meteredOccupiedSeatHours': '计量的占用座位小时',
    'an.col.whPerOccupiedSeatHour': '每占用座位小时瓦时',
    'nav.engagement': '读者活动',
    'sat.title': '每月满意度', 'sat.by.zone': '按区域', 'sat.by.group': '按读者类别',
    'sat.rule': '每个自然月一键评分（1 至 5 分）的平均分及评分人次；“—”表示当月无人评分。',
    'sat.count': '{n} 人次', 'sat.noZone': '无区域（入口闸机）',
    'fb.title': '最新反馈', 'fb.context': '评分时机', 'fb.score': '评分', 'fb.comment': '留言',
    'fb.ctx.exit': '离馆时', 'fb.ctx.seat_session': '座位使用后', 'fb.ctx.room_session': '研讨室使用后',
    'ev.title': '活动', 'ev.create': '新建活动', 'ev.upcoming': '即将举行和进行中', 'ev.past': '已结束（90 天内）',
    'ev.kind.lecture': '讲座', 'ev.kind.workshop': '工作坊', 'ev.kind.reading_club': '读书会', 'ev.kind.other': '其他',
    'ev.col.title': '名称', 'ev.col.place': '地点', 'ev.col.capacity': '名额', 'ev.col.places': '已报名',
    'ev.col.waitlist': '候补', 'ev.col.checkedIn': '已签到', 'ev.col.patron': '读者', 'ev.col.registeredAt': '报名时间',
    'ev.state.scheduled': '未开始', 'ev.state.running': '进行中', 'ev.state.ended': '已结束', 'ev.state.cancelled': '已取消',
    'ev.cancel': '取消活动', 'ev.cancelConfirm': '取消活动“{title}”？已报名的读者会看到活动已取消。',
    'ev.cancelled.done': '“{title}”已取消。', 'ev.registrations': '报名情况', 'ev.noRegistrations': '还没有人报名。',
    'ev.place': '已获名额', 'ev.waitlisted': '候补第 {n} 位',
    'ev.by.card': '刷卡', 'ev.by.qr': '电子读者证', 'ev.by.staff': '工作人员',
    'vs.title': '志愿者班次', 'vs.create': '新建班次', 'vs.col.signedUp': '志愿者 / 名额',
    'vs.cancel': '取消班次', 'vs.cancelConfirm': '取消班次“{title}”？', 'vs.signups': '志愿者',
    'vs.noSignups': '还没有人报名。', 'vs.col.signedUpAt': '报名时间', 'vs.col.in': '签到', 'vs.col.out': '签退',
    'vh.title': '志愿服务时长', 'vh.time': '计入时长', 'vh.shifts': '班次数',
    'vh.rule': '只计入班次时间内的签到时长，统计开始时间在所选范围内的班次；未签退的计到班次结束。',
    'eng.create': '创建', 'eng.created': '已创建。', 'eng.noZone': '无',
    'eng.f.title': '名称', 'eng.f.kind': '类型', 'eng.f.zone': '区域', 'eng.f.startsAt': '开始', 'eng.f.endsAt': '结束',
    'eng.f.capacity': '名额', 'eng.f.registrationOpens': '报名开始（默认现在）',
    'eng.f.registrationCloses': '报名截止（默认活动开始时）', 'eng.f.slots': '所需志愿者',
    'eng.f.from': '开始', 'eng.f.to': '结束', 'eng.f.by': '统计方式',
    'live.up': '实时', 'live.down': '正在重连…',
    'role.admin': '管理员', 'role.facilities': '设施管理', 'role.librarian': '馆员',
    'signin.title': '员工登录', 'signin.user': '用户名', 'signin.password': '密码', 'signin.go': '登录',
    'signin.wrong': '用户名或密码错误。', 'signin.locked': '失败次数过多：此账号暂时锁定。',
    'forbidden': '您的角色不能打开此页面。', 'error': '错误', 'loading': '加载中…', 'none': '无。',
    'save': '保存', 'saved': '已保存。', 'cancel': '取消', 'remove': '删除', 'add': '添加', 'refresh': '刷新',
    'filter': '筛选', 'all': '全部', 'yes': '是', 'no': '否',
    'fleet.alerts': '未处理告警', 'fleet.noAlerts': '没有未处理的告警。', 'fleet.agents': '边缘设备',
    'fleet.filter': '按名称筛选', 'fleet.onlineOnly': '在线', 'fleet.offlineOnly': '离线',
    'col.agent': '设备', 'col.state': '状态', 'col.lastSeen': '最后联系', 'col.version': '版本',
    'col.uptime': '运行时间', 'col.memory': '内存', 'col.temp': '温度', 'col.outbox': '待发队列',
    'col.faults': '故障', 'col.kind': '类型', 'col.message': '说明', 'col.opened': '发生时间', 'col.actions': '',
    'col.id': '编号', 'col.time': '时间', 'col.type': '类型', 'col.detail': '详情',
    'state.online': '在线', 'state.offline': '离线',
    'alert.acknowledge': '确认', 'alert.resolve': '解决', 'alert.acknowledged': '已确认', 'alert.open': '未处理',
    'alert.offline': '离线', 'alert.reader_fault': '读卡器故障', 'alert.device_fault': '设备故障',
    'alert.outbox_backlog': '待发积压', 'alert.high_temperature': '温度过高',
    'agent.back': '← 设备', 'agent.endpoints': '端点', 'agent.twin': '孪生：期望与上报',
    'agent.inSync': '已同步（版本 {v}）', 'agent.outOfSync': '未同步：期望 {d}，已应用 {a}',
    'agent.path': '设置项', 'agent.desired': '期望', 'agent.reported': '上报',
    'agent.events': '最近事件', 'agent.telemetry': '遥测（最近一小时）', 'agent.commands': '命令',
    'cmd.identify': '闪烁识别', 'cmd.reload': '重新加载配置', 'cmd.sync': '立即同步', 'cmd.sent': '已向 {a} 发送{c}。',
    'chart.memory': '内存（MB）', 'chart.temp': 'CPU 温度（°C）', 'chart.outbox': '待发队列',
    'chart.empty': '此时间段没有数据。',
    'floor.building': '建筑', 'floor.floor': '楼层', 'floor.seats': '{n} 个座位', 'floor.free': '空闲',
    'floor.reserved': '已预约', 'floor.occupied': '使用中', 'floor.away': '暂离', 'floor.out_of_order': '停用',
    'floor.unknown': '未上报', 'floor.lamp': '台灯', 'floor.outlet': '插座', 'floor.sensor': '传感器',
    'floor.present': '有人', 'floor.empty': '此楼层没有区域。',
    'light.target': '控制对象', 'light.level': '范围', 'level.seat': '座位', 'level.zone': '区域',
    'level.floor': '楼层', 'level.building': '建筑', 'light.lamps': '台灯', 'light.outlets': '插座',
    'light.on': '开', 'light.off': '关', 'light.dim': '调光至', 'light.unchanged': '不变', 'light.go': '执行',
    'light.requests': '执行情况', 'light.pending': '等待中', 'light.applied': '已生效', 'light.failed': '失败',
    'light.expired': '已过期', 'light.endpoint': '设备', 'light.reported': '当前上报',
    'light.power': '各区域功率（上报功率的插座）', 'light.noPower': '本建筑没有上报功率的插座。',
    'light.watts': '{w} 瓦', 'light.nothing': '请选择要控制的台灯或插座。',
    'sched.building': '建筑', 'sched.weekly': '开放时间', 'sched.closed': '闭馆',
    'sched.exceptions': '节假日与考试周', 'sched.from': '开始', 'sched.to': '结束', 'sched.kind': '类型',
    'sched.hours': '时间', 'sched.note': '备注', 'sched.holiday': '节假日', 'sched.exam': '考试周',
    'sched.actions': '闭馆动作', 'sched.warn': '闭馆前提醒（分钟）', 'sched.atOpening': '开馆时',
    'sched.beforeClosing': '闭馆前', 'sched.atClosing': '闭馆时', 'act.warning_blink': '灯光闪烁提醒',
    'act.release_seats': '释放座位', 'act.lamps_off': '关闭台灯', 'act.outlets_off': '关闭插座',
    'act.common_lighting_on': '打开公共照明', 'sched.calendar': '未来六周', 'sched.hint': 'HH:MM-HH:MM，留空为闭馆',
    'day.mon': '周一', 'day.tue': '周二', 'day.wed': '周三', 'day.thu': '周四', 'day.fri': '周五',
    'day.sat': '周六', 'day.sun': '周日',
    'pat.search': '按证号或姓名搜索', 'pat.status': '状态', 'pat.active': '正常', 'pat.suspended': '已停用',
    'pat.expired': '已过期', 'pat.name': '姓名', 'pat.group': '类别', 'pat.college': '学院',
    'pat.validUntil': '有效期至', 'pat.credentials': '入馆方式', 'pat.suspend': '停用', 'pat.reactivate': '恢复',
    'pat.off': '本服务器未启用读者库。设置站点密钥即可启用：',
    'pat.import': '从校园卡系统导入（CSV）', 'pat.dryRun': '试运行：只检查和计数',
    'pat.removeMissing': '删除文件中没有的读者', 'pat.start': '导入', 'pat.progress': '{p} / {t} 行',
    'pat.report': '新增 {added}，修改 {changed}，未变 {unchanged}，删除 {removed}，失败 {failed}',
    'pat.row': '行', 'pat.field': '字段', 'pat.more': '更多', 'pat.export': '导出数据（JSON）',
    'pat.erase': '删除', 'pat.eraseConfirm': '删除 Carrel 保存的读者 {id} 的全部数据？此操作不可撤销。',
    'pat.erased': '读者 {id} 的数据已删除。',
    'vio.title': '违约记录', 'vio.pending': '待处理的申诉', 'vio.kind': '违约', 'vio.no_show': '预约未到',
    'vio.leave_overrun': '暂离超时', 'vio.counted': '计入', 'vio.voided': '已撤销', 'vio.appeal': '申诉',
    'appeal.pending': '待处理', 'appeal.accepted': '已接受', 'appeal.rejected': '已驳回', 'vio.accept': '接受', 'vio.reject': '驳回',
    'grp.undergraduate': '本科生', 'grp.postgraduate': '研究生', 'grp.faculty': '教师', 'grp.staff': '职工',
    'grp.visitor': '访客', 'grp.unknown': '未知', 'cred.card_uid': '校园卡', 'cred.wiegand': '韦根卡', 'cred.face': '人脸',
    'cred.nfc_phone': '手机 NFC',
    'dev.create': '新建注册令牌', 'dev.role': '设备类型', 'dev.zone': '区域', 'dev.hours': '有效期（小时）',
    'dev.note': '备注', 'dev.make': '生成令牌', 'dev.tokens': '令牌', 'dev.devices': '已注册设备',
    'dev.scan': '用新设备扫描此二维码，或输入令牌。令牌只显示这一次。', 'dev.revoke': '吊销',
    'dev.revoked': '已吊销', 'dev.enrolledAt': '注册时间', 'dev.host': '主机名', 'dev.expires': '到期',
    'dev.usedBy': '使用者', 'dev.state': '状态', 'dev.active': '已注册',
    'tok.open': '可用', 'tok.used': '已使用', 'tok.expired': '已过期', 'tok.revoked': '已吊销',
    'role.gate-kiosk': '门禁终端', 'role.reading-room': '阅览室', 'role.room-door': '研讨室门口',
    'audit.who': '操作人', 'audit.what': '操作', 'audit.status': '结果', 'audit.from': '来源',
    'audit.user': '用户', 'audit.path': '路径前缀', 'audit.method': '方法', 'audit.since': '起始时间',
    'audit.via': '方式', 'audit.older': '更早的记录',
    'ago.s': '{n} 秒前', 'ago.m': '{n} 分钟前', 'ago.h': '{n} 小时前', 'ago.d': '{n} 天前',
    'dur.s': '{n} 秒', 'dur.m': '{n} 分钟', 'dur.h': '{h} 小时 {m} 分', 'dur.d': '{d} 天 {h} 小时',
  },
};

const KEY = 'carrel.lang';
let lang = pick();

function pick() {
  const wanted = new URLSearchParams(location.search).get('lang') || localStorage.getItem(KEY) || navigator.language;
  return String(wanted).toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function language() {
  return lang;
}

export function setLanguage(next) {
  lang = next;
  localStorage.setItem(KEY, next);
  document.documentElement.lang = next;
}

/** The text for a key, with {name} filled in; an unknown key shows itself so it is noticed. */
export function t(key, values = {}) {
  const text = STRINGS[lang][key] ?? STRINGS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, k) => (k in values ? values[k] : '{' + k + '}'));
}

/** A time as the staff's clock shows it. */
export function time(iso) {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(lang, { dateStyle: 'short', timeStyle: 'medium' });
}

export function ago(iso, now = Date.now()) {
  if (!iso) return '—';
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 60) return t('ago.s', { n: s });
  if (s < 3600) return t('ago.m', { n: Math.floor(s / 60) });
  if (s < 86400) return t('ago.h', { n: Math.floor(s / 3600) });
  return t('ago.d', { n: Math.floor(s / 86400) });
}

export function duration(seconds) {
  if (seconds === undefined || seconds === null) return '—';
  if (seconds < 60) return t('dur.s', { n: seconds });
  if (seconds < 3600) return t('dur.m', { n: Math.floor(seconds / 60) });
  if (seconds < 86400) return t('dur.h', { h: Math.floor(seconds / 3600), m: Math.floor((seconds % 3600) / 60) });
  return t('dur.d', { d: Math.floor(seconds / 86400), h: Math.floor((seconds % 86400) / 3600) });
}

export function megabytes(bytes) {
  return bytes === undefined || bytes === null ? '—' : (bytes / 1048576).toFixed(0) + ' MB';
}

export function number(n, digits = 0) {
  return n === undefined || n === null ? '—'
    : Number(n).toLocaleString(lang, { maximumFractionDigits: digits, minimumFractionDigits: digits });
}
