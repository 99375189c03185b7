import type { Messages } from './en';

export const zh: Messages = {
  common: {
    greeting_named: '{{name}}，您好：',
    greeting: '您好：',
    reconnect_button: '重新连接 {{account}}',
    link_valid_until: '此链接在 {{date}} 之前有效。',
    footer:
      '您收到此邮件，是因为您是使用此账号的团队成员。您可以在通知偏好设置中选择接收哪些通知。',
    todo_reconnect:
      '请重新连接该账号，以便继续通过它发布内容和读取数据。只需一分钟：登录 {{platform}} 并再次授权访问。',
  },
  token_expiring: {
    title: '您的 {{platform}} 账号 {{account}} 将于{{when}}断开连接',
    cause_not_refreshable: '{{platform}} 不允许此连接自动续期，因此访问将于 {{date}} 结束。',
    cause_refresh_failing: '与 {{platform}} 的连接续期一再失败，访问将于 {{date}} 结束。',
    cause_refresh_token_end_of_life:
      '此连接已达到 {{platform}} 允许的最长有效期，将于 {{date}} 结束。',
    todo: '请在此之前重新连接该账号，以免任何功能停止工作。',
  },
  refresh_failed: {
    title: '您的 {{platform}} 账号 {{account}} 需要重新连接',
    reason_reauth_required: '{{platform}} 不再接受此连接：访问权限已被撤销或已过期。',
    reason_permission_lost: '{{platform}} 不再授予此连接所需的全部权限。',
    reason_permission_lost_scopes: '{{platform}} 不再授予以下权限：{{scopes}}。',
    reason_transient_exhausted: '{{platform}} 长时间无法访问，连接已过期。',
  },
  disconnected: {
    title_provider: '您的 {{platform}} 账号 {{account}} 的访问权限已被撤销',
    body_provider: '该账号已在 {{platform}} 一侧断开连接，无法再使用。',
    title_team: '{{platform}} 账号 {{account}} 已断开连接',
    body_team: '您的团队断开了此账号的连接。无需其他操作。',
  },
  connect_failed: {
    title_reconnect: '重新连接您的 {{platform}} 账号 {{account}} 未成功',
    title_new: '连接 {{platform}} 账号未成功',
    reason_denied: '未在 {{platform}} 上批准访问。',
    reason_permissions: '部分权限未被授予：{{scopes}}。',
    reason_mismatch: '登录的 {{platform}} 账号与要重新连接的账号不同。',
    reason_other: '{{platform}} 未完成连接（代码：{{code}}）。',
    todo_reconnect: '请使用下方链接重试，并登录同一个账号。',
    todo_new: '请再次尝试连接该账号。',
  },
  reconnected: {
    title: '您的 {{platform}} 账号 {{account}} 已重新连接',
    body: '连接已恢复正常。之后不会再有相关提醒。',
  },
  reminder: {
    title: '提醒：您的 {{platform}} 账号 {{account}} 仍需重新连接',
    body: '该账号自 {{date}} 起无法使用。',
  },
  webhook_disabled: {
    title: '一个 Webhook 已被停用：{{host}}',
    body: '自 {{date}} 起向 {{url}} 的投递一直失败，因此该订阅已被停用。',
    todo: '请修复端点，然后重新启用该 Webhook。',
  },
};
