<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AccountBanner</name>
    <message>
        <source>此数据库尚未设置账户：任何使用本机的人都可以查看和修改全部案件。</source>
        <translation>This database has no accounts yet: anyone using this computer can view and change every case.</translation>
    </message>
    <message>
        <source>创建管理员账户…</source>
        <translation>Create administrator account…</translation>
    </message>
    <message>
        <source>不再提示</source>
        <translation>Don&apos;t show again</translation>
    </message>
</context>
<context>
    <name>AnonymiseDialog</name>
    <message>
        <source>制作示例（脱敏）</source>
        <translation>Make a Sample (Anonymised)</translation>
    </message>
    <message>
        <source>原案号：</source>
        <translation>Original case number:</translation>
    </message>
    <message>
        <source>脱敏后案号：</source>
        <translation>Anonymised case number:</translation>
    </message>
    <message>
        <source>示例名称(&amp;M)：</source>
        <translation>Sample &amp;name:</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>原文</source>
        <translation>Original text</translation>
    </message>
    <message>
        <source>替换为（可修改）</source>
        <translation>Replace with (editable)</translation>
    </message>
    <message>
        <source>替换次数</source>
        <translation>Replacements</translation>
    </message>
    <message>
        <source>应用修改的替换(&amp;P)</source>
        <translation>A&amp;pply Edited Replacements</translation>
    </message>
    <message>
        <source>按表中的替换文字重新脱敏；答案要点将按新的替换重新生成</source>
        <translation>Anonymise again with the replacements in the table; the answer key is regenerated with them</translation>
    </message>
    <message>
        <source>请逐条核对：原文将在案件的所有文字（事实、备注、证据、程序事件、作答备注等）中被替换。</source>
        <translation>Check each row: the original text is replaced in all of the case&apos;s text (facts, notes, evidence, procedural events, answer notes, etc.).</translation>
    </message>
    <message>
        <source>替换核对</source>
        <translation>Replacements</translation>
    </message>
    <message>
        <source>答案要点</source>
        <translation>Answer key</translation>
    </message>
    <message>
        <source>脱敏后的案件</source>
        <translation>Anonymised case</translation>
    </message>
    <message>
        <source>导出示例包(&amp;E)…</source>
        <translation>&amp;Export Sample Pack…</translation>
    </message>
    <message>
        <source>导出示例包</source>
        <translation>Export Sample Pack</translation>
    </message>
    <message>
        <source>示例包 (*.zip)</source>
        <translation>Sample packs (*.zip)</translation>
    </message>
    <message>
        <source>已导出到 %1</source>
        <translation>Exported to %1</translation>
    </message>
    <message>
        <source>（已签名）</source>
        <translation> (signed)</translation>
    </message>
    <message>
        <source>（未签名）</source>
        <translation> (unsigned)</translation>
    </message>
</context>
<context>
    <name>ArticleTextView</name>
    <message>
        <source>法条原文</source>
        <translation>Article text</translation>
    </message>
    <message>
        <source>法条原文：
{0}</source>
        <translation>Article text:
{0}</translation>
    </message>
    <message>
        <source>法条原文：{0}</source>
        <translation>Article text: {0}</translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <source>备份与恢复</source>
        <translation>Backup and restore</translation>
    </message>
    <message>
        <source>数据库：{0}
备份文件夹：{1}
程序关闭时自动备份（每天最多一次，保留最近 {2} 份）。</source>
        <translation>Database: {0}
Backup folder: {1}
Backed up automatically when the program closes (at most once a day, the latest {2} kept).</translation>
    </message>
    <message>
        <source>立即备份(&amp;B)</source>
        <translation>&amp;Back up now</translation>
    </message>
    <message>
        <source>恢复所选备份(&amp;R)…</source>
        <translation>&amp;Restore selected backup…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>备份失败：{0}</source>
        <translation>Backup failed: {0}</translation>
    </message>
    <message>
        <source>已备份：{0}（完整性检查通过）</source>
        <translation>Backed up: {0} (integrity check passed)</translation>
    </message>
    <message>
        <source>恢复备份</source>
        <translation>Restore backup</translation>
    </message>
    <message>
        <source>用 {0:%Y-%m-%d %H:%M} 的备份替换当前数据库？
当前数据库会先另存一份备份。恢复后程序将关闭，请重新打开。</source>
        <translation>Replace the current database with the backup of {0:%Y-%m-%d %H:%M}?
The current database is backed up first. The program closes after restoring; please open it again.</translation>
    </message>
    <message>
        <source>恢复失败：{0}</source>
        <translation>Restore failed: {0}</translation>
    </message>
    <message>
        <source>
原数据库已保留为：{0}</source>
        <translation>
The previous database was kept as: {0}</translation>
    </message>
    <message>
        <source>已恢复。{0}</source>
        <translation>Restored. {0}</translation>
    </message>
    <message>
        <source>已从备份恢复数据库。{0}

程序将关闭，请重新打开。</source>
        <translation>The database was restored from the backup. {0}

The program will close; please open it again.</translation>
    </message>
</context>
<context>
    <name>CaseEditor</name>
    <message>
        <source>编辑案件 — {0}</source>
        <extracomment>The version the form was loaded at (optimistic lock); saving passes it back.</extracomment>
        <translation>Edit case — {0}</translation>
    </message>
    <message>
        <source>新建案件</source>
        <translation>New case</translation>
    </message>
    <message>
        <source>例如 京朝检刑诉〔2026〕123号</source>
        <translation>e.g. 京朝检刑诉〔2026〕123号</translation>
    </message>
    <message>
        <source>例如 张某某盗窃案</source>
        <translation>e.g. 张某某盗窃案</translation>
    </message>
    <message>
        <source>受理日期</source>
        <translation>Received on</translation>
    </message>
    <message>
        <source>已办结</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>办结日期</source>
        <translation>Closed on</translation>
    </message>
    <message>
        <source>多个罪名用逗号或顿号分隔，例如 盗窃罪、诈骗罪</source>
        <translation>Separate charges with commas, e.g. 盗窃罪、诈骗罪</translation>
    </message>
    <message>
        <source>在押</source>
        <translation>In custody</translation>
    </message>
    <message>
        <source>认罪认罚</source>
        <translation>Guilty plea</translation>
    </message>
    <message>
        <source>速裁</source>
        <translation>Fast-track</translation>
    </message>
    <message>
        <source>未成年</source>
        <translation>Minor</translation>
    </message>
    <message>
        <source>案号 *</source>
        <translation>Case number *</translation>
    </message>
    <message>
        <source>案件名称 *</source>
        <translation>Case title *</translation>
    </message>
    <message>
        <source>案件类型 *</source>
        <translation>Case type *</translation>
    </message>
    <message>
        <source>承办检察官 *</source>
        <translation>Prosecutor *</translation>
    </message>
    <message>
        <source>承办部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>侦查机关</source>
        <translation>Investigating authority</translation>
    </message>
    <message>
        <source>受理日期 *</source>
        <translation>Received on *</translation>
    </message>
    <message>
        <source>罪名</source>
        <translation>Charges</translation>
    </message>
    <message>
        <source>可能判处的刑罚</source>
        <translation>Possible sentence</translation>
    </message>
    <message>
        <source>情形</source>
        <translation>Circumstances</translation>
    </message>
    <message>
        <source>证据</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <source>事件</source>
        <translation>Events</translation>
    </message>
    <message>
        <source>程序事件</source>
        <translation>Procedural events</translation>
    </message>
    <message>
        <source>该案件已归档，不能修改。</source>
        <translation>This case is archived and cannot be changed.</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>保存（Ctrl+S）</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>不能为空</source>
        <translation>Must not be empty</translation>
    </message>
    <message>
        <source>办结日期早于受理日期</source>
        <translation>Closing date is before the receiving date</translation>
    </message>
    <message>
        <source>第{0}行：</source>
        <translation>Row {0}: </translation>
    </message>
    <message>
        <source>证据编号不能为空</source>
        <translation>Evidence number must not be empty</translation>
    </message>
    <message>
        <source>证据编号 {0} 重复</source>
        <translation>Evidence number {0} is used twice</translation>
    </message>
    <message>
        <source>请选择证据种类</source>
        <translation>Choose the kind of evidence</translation>
    </message>
    <message>
        <source>收集日期</source>
        <translation>Collected on</translation>
    </message>
    <message>
        <source>收集日期不在可用的年份内</source>
        <translation>Collection date is outside the available years</translation>
    </message>
    <message>
        <source>请选择事件种类</source>
        <translation>Choose the kind of event</translation>
    </message>
    <message>
        <source>请填写日期</source>
        <translation>Enter the date</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>日期不在可用的年份内</source>
        <translation>Date is outside the available years</translation>
    </message>
    <message>
        <source>第{0}行：{1}</source>
        <translation>Row {0}: {1}</translation>
    </message>
    <message>
        <source>证据（{0}）</source>
        <translation>Evidence ({0})</translation>
    </message>
    <message>
        <source>程序事件（{0}）</source>
        <translation>Procedural events ({0})</translation>
    </message>
    <message>
        <source>案件已被他人修改</source>
        <translation>Case changed by someone else</translation>
    </message>
    <message>
        <source>放弃修改</source>
        <translation>Discard changes</translation>
    </message>
    <message>
        <source>案件有未保存的修改，确定放弃吗？</source>
        <translation>The case has unsaved changes. Discard them?</translation>
    </message>
</context>
<context>
    <name>CaseHistory</name>
    <message>
        <source>（时间无法读取）</source>
        <translation>(time unreadable)</translation>
    </message>
    <message>
        <source>共 {0} 条变更记录（最新在前）</source>
        <translation>{0} changes (newest first)</translation>
    </message>
    <message>
        <source>暂无变更记录</source>
        <translation>No changes recorded</translation>
    </message>
</context>
<context>
    <name>CaseSummary</name>
    <message>
        <source>事实</source>
        <translation>Fact</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>案件事实</source>
        <translation>Facts of the case</translation>
    </message>
    <message>
        <source>{0}：</source>
        <translation>{0}:</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>本案未记录其他事实，请查看证据和程序事件。</source>
        <translation>No other facts are recorded for this case; see the evidence and procedural events.</translation>
    </message>
    <message>
        <source>（{0}）</source>
        <translation> ({0})</translation>
    </message>
    <message>
        <source>案号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>案件名称</source>
        <translation>Case title</translation>
    </message>
    <message>
        <source>案件类型</source>
        <translation>Case type</translation>
    </message>
    <message>
        <source>承办检察官</source>
        <translation>Prosecutor</translation>
    </message>
    <message>
        <source>受理日期</source>
        <translation>Received on</translation>
    </message>
    <message>
        <source>办结日期</source>
        <translation>Closed on</translation>
    </message>
    <message>
        <source>尚未办结</source>
        <translation>Not closed yet</translation>
    </message>
    <message>
        <source>罪名</source>
        <translation>Charges</translation>
    </message>
    <message>
        <source>羁押状态</source>
        <translation>Custody</translation>
    </message>
    <message>
        <source>在押</source>
        <translation>In custody</translation>
    </message>
    <message>
        <source>未羁押</source>
        <translation>Not in custody</translation>
    </message>
    <message>
        <source>可能判处的刑罚</source>
        <translation>Possible sentence</translation>
    </message>
    <message>
        <source>认罪认罚</source>
        <translation>Guilty plea</translation>
    </message>
    <message>
        <source>速裁程序</source>
        <translation>Fast-track procedure</translation>
    </message>
    <message>
        <source>未成年人</source>
        <translation>Minor</translation>
    </message>
    <message>
        <source>侦查（调查）机关</source>
        <translation>Investigating authority</translation>
    </message>
</context>
<context>
    <name>CaseWorkspace</name>
    <message>
        <source>检查表</source>
        <translation>Checklist</translation>
    </message>
    <message>
        <source>证据链</source>
        <translation>Evidence chain</translation>
    </message>
    <message>
        <source>检查对比</source>
        <translation>Compare inspections</translation>
    </message>
    <message>
        <source>整改清单</source>
        <translation>Rectification list</translation>
    </message>
    <message>
        <source>变更记录</source>
        <translation>Change history</translation>
    </message>
    <message>
        <source>编辑案件信息(&amp;E)…</source>
        <translation>&amp;Edit case details…</translation>
    </message>
    <message>
        <source>导出本案(&amp;X)…</source>
        <translation>E&amp;xport this case…</translation>
    </message>
    <message>
        <source>导出本案的评查表（Excel 或 PDF）或案件文件</source>
        <translation>Export this case&apos;s review sheet (Excel or PDF) or case file</translation>
    </message>
    <message>
        <source>检查方式(&amp;K)：</source>
        <translation>Inspection &amp;kind:</translation>
    </message>
    <message>
        <source>无法打开{0}：{1}</source>
        <translation>Cannot open {0}: {1}</translation>
    </message>
    <message>
        <source>检查人：{0}&#x3000;检查表版本：{1}</source>
        <translation>Inspector: {0}   Checklist version: {1}</translation>
    </message>
    <message>
        <source>类型：{0}</source>
        <translation>Type: {0}</translation>
    </message>
    <message>
        <source>承办人：{0}</source>
        <translation>Prosecutor: {0}</translation>
    </message>
    <message>
        <source>（{0}）</source>
        <translation> ({0})</translation>
    </message>
    <message>
        <source>受理：{0}</source>
        <translation>Received: {0}</translation>
    </message>
    <message>
        <source>&#x3000;办结：{0}</source>
        <translation>   Closed: {0}</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>修改密码</source>
        <translation>Change password</translation>
    </message>
    <message>
        <source>修改</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>账户</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <source>当前密码(&amp;C)</source>
        <translation>&amp;Current password</translation>
    </message>
    <message>
        <source>新密码(&amp;N)</source>
        <translation>&amp;New password</translation>
    </message>
    <message>
        <source>再次输入(&amp;R)</source>
        <translation>&amp;Repeat</translation>
    </message>
    <message>
        <source>两次输入的新密码不一致</source>
        <translation>The two new passwords do not match</translation>
    </message>
</context>
<context>
    <name>ChecklistWalk</name>
    <message>
        <source>筛选：</source>
        <extracomment>The inspection&apos;s version as last read or written (optimistic lock), and the case it is walked for.</extracomment>
        <translation>Filter:</translation>
    </message>
    <message>
        <source>否决项</source>
        <translation>Veto items</translation>
    </message>
    <message>
        <source>N 备注</source>
        <translation>N Note</translation>
    </message>
    <message>
        <source>撤销（Ctrl+Z）</source>
        <translation>Undo (Ctrl+Z)</translation>
    </message>
    <message>
        <source>重做（Ctrl+Y）</source>
        <translation>Redo (Ctrl+Y)</translation>
    </message>
    <message>
        <source>备注：</source>
        <translation>Note:</translation>
    </message>
    <message>
        <source>警告：{0} 个答案的检查项不在此检查表中（可能来自较新的检查表），已原样保留：</source>
        <translation>Warning: answers to {0} items that are not in this checklist (perhaps from a newer checklist) were kept as they are:</translation>
    </message>
    <message>
        <source>本项不适用于本案（适用条件不满足），无需作答。</source>
        <translation>This item does not apply to this case (its condition is not met); no answer needed.</translation>
    </message>
    <message>
        <source>本项不适用于本案，无需填写备注。</source>
        <translation>This item does not apply to this case; no note needed.</translation>
    </message>
    <message>
        <source>请先作答（按 1–4），再填写备注。</source>
        <translation>Answer first (keys 1–4), then add a note.</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>没有可撤销的作答。</source>
        <translation>Nothing to undo.</translation>
    </message>
    <message>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>没有可重做的作答。</source>
        <translation>Nothing to redo.</translation>
    </message>
    <message>
        <source>未答</source>
        <translation>Unanswered</translation>
    </message>
    <message>
        <source>已{0} {1} 的作答，现为“{2}”。</source>
        <translation>{0} the answer to {1}; it is now &quot;{2}&quot;.</translation>
    </message>
    <message>
        <source>保存失败，{0} 未保存：{1}</source>
        <translation>Saving failed, {0} was not saved: {1}</translation>
    </message>
    <message>
        <source>未保存 {0}，已重新加载：{1}</source>
        <translation>{0} not saved, reloaded: {1}</translation>
    </message>
    <message>
        <source>本项答“不符合”，须写明理由：输入后按 Enter 保存（Esc 稍后再填）。</source>
        <translation>This item is answered &quot;not met&quot; and needs a reason: type it and press Enter to save (Esc to fill in later).</translation>
    </message>
    <message>
        <source>说明不能为空：本项答“不符合”须写明理由（Esc 稍后再填）。</source>
        <translation>The note must not be empty: an item answered &quot;not met&quot; needs a reason (Esc to fill in later).</translation>
    </message>
    <message>
        <source>没有“{0}”的检查项。</source>
        <translation>No items are &quot;{0}&quot;.</translation>
    </message>
    <message>
        <source>请选择检查项（↑/↓）。</source>
        <translation>Choose an item (↑/↓).</translation>
    </message>
    <message>
        <source>错误等级：{0}&#x3000;&#x3000;扣分：{1:g} 分</source>
        <translation>Error level: {0}    Deduction: {1:g} points</translation>
    </message>
    <message>
        <source>&#x3000;&#x3000;否决项：是</source>
        <translation>    Veto item: yes</translation>
    </message>
    <message>
        <source>检查要点：{0}</source>
        <translation>Points to check: {0}</translation>
    </message>
    <message>
        <source>法律依据：{0}</source>
        <translation>Legal basis: {0}</translation>
    </message>
    <message>
        <source>核实出处：{0}</source>
        <translation>Source to verify: {0}</translation>
    </message>
    <message>
        <source>&#x3000;——本案不满足此条件，本项不适用，无需作答。</source>
        <translation> — this case does not meet the condition; the item does not apply and needs no answer.</translation>
    </message>
    <message>
        <source>适用条件：{0}</source>
        <translation>Applies when: {0}</translation>
    </message>
    <message>
        <source>本项不适用于本案。</source>
        <translation>This item does not apply to this case.</translation>
    </message>
    <message>
        <source>尚未作答：按 1 符合、2 不符合、3 不适用、4 待核实。</source>
        <translation>Not answered yet: press 1 met, 2 not met, 3 not applicable, 4 to verify.</translation>
    </message>
    <message>
        <source>已保存：{0}</source>
        <translation>Saved: {0}</translation>
    </message>
    <message>
        <source>按 N 填写备注，Enter 保存</source>
        <translation>Press N for a note, Enter to save</translation>
    </message>
    <message>
        <source>作答后可填写备注</source>
        <translation>A note can be added after answering</translation>
    </message>
    <message>
        <source>已答 {0} / 适用 {1}</source>
        <translation>Answered {0} / applicable {1}</translation>
    </message>
    <message>
        <source>以下“不符合”项须写明理由：</source>
        <translation>These &quot;not met&quot; items need a reason:</translation>
    </message>
</context>
<context>
    <name>ChecklistWalkModel</name>
    <message>
        <source>{0}（已答 {1} / 适用 {2}）</source>
        <extracomment>internalId of a section row; an item row stores its section&apos;s row + 1 so that parent() can find it. The mark before each saved answer: one of its own for each value, so a saved 不符合 never reads as 符合.</extracomment>
        <translation>{0} (answered {1} / applicable {2})</translation>
    </message>
    <message>
        <source>备注：{0}</source>
        <translation>Note: {0}</translation>
    </message>
    <message>
        <source>{0} · 否决项</source>
        <translation>{0} · veto item</translation>
    </message>
</context>
<context>
    <name>CompareModel</name>
    <message>
        <source>备注：{0}</source>
        <translation>Note: {0}</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>程序出错</source>
        <translation>Program error</translation>
    </message>
    <message>
        <source>很抱歉，程序遇到了意外错误。已保存的数据不受影响，未保存的修改可能丢失。
请点击“复制报告”，将报告发送给技术支持人员。</source>
        <translation>Sorry, the program ran into an unexpected error. Saved data is not affected; unsaved changes may be lost.
Please click &quot;Copy report&quot; and send the report to technical support.</translation>
    </message>
    <message>
        <source>复制报告</source>
        <translation>Copy report</translation>
    </message>
</context>
<context>
    <name>CreateAdminDialog</name>
    <message>
        <source>创建管理员账户</source>
        <translation>Create administrator account</translation>
    </message>
    <message>
        <source>创建</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>创建后，每次启动都需登录；管理员再为检察官、部门负责人、评查员等创建账户。</source>
        <translation>After this, everyone signs in at start-up; the administrator then creates accounts for prosecutors, department heads, reviewers and others.</translation>
    </message>
    <message>
        <source>账户名(&amp;U)</source>
        <translation>&amp;User name</translation>
    </message>
    <message>
        <source>真实姓名(&amp;N)</source>
        <translation>Full &amp;name</translation>
    </message>
    <message>
        <source>部门(&amp;D)</source>
        <translation>&amp;Department</translation>
    </message>
    <message>
        <source>密码(&amp;P)</source>
        <translation>&amp;Password</translation>
    </message>
    <message>
        <source>再次输入(&amp;R)</source>
        <translation>&amp;Repeat</translation>
    </message>
    <message>
        <source>两次输入的密码不一致</source>
        <translation>The two passwords do not match</translation>
    </message>
</context>
<context>
    <name>DashboardDialog</name>
    <message>
        <source>质量看板</source>
        <extracomment>Emitted after each completed refresh (tests and the status line wait on it).</extracomment>
        <translation>Quality Dashboard</translation>
    </message>
    <message>
        <source>正在统计…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <source>等次分布</source>
        <translation>Grades</translation>
    </message>
    <message>
        <source>检察官平均分</source>
        <translation>Average by prosecutor</translation>
    </message>
    <message>
        <source>案件类型平均分</source>
        <translation>Average by case type</translation>
    </message>
    <message>
        <source>按月趋势</source>
        <translation>Monthly trend</translation>
    </message>
    <message>
        <source>不符合最多的检查项</source>
        <translation>Most-failed items</translation>
    </message>
    <message>
        <source>常见风险提示</source>
        <translation>Common risk flags</translation>
    </message>
    <message>
        <source>期限预警</source>
        <translation>Deadline alerts</translation>
    </message>
    <message>
        <source>整改完成情况</source>
        <translation>Rectification progress</translation>
    </message>
    <message>
        <source>案号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>承办检察官</source>
        <translation>Prosecutor</translation>
    </message>
    <message>
        <source>期限</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>届满日</source>
        <translation>Due on</translation>
    </message>
    <message>
        <source>剩余天数</source>
        <translation>Days left</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>正在统计质量看板…</source>
        <translation>Counting the quality dashboard…</translation>
    </message>
    <message>
        <source>共 {0} 件案件；期限已超期 {1} 个、即将到期 {2} 个</source>
        <translation>{0} cases; {1} periods overdue, {2} due soon</translation>
    </message>
    <message>
        <source>平均分</source>
        <translation>Average score</translation>
    </message>
    <message>
        <source>案件数</source>
        <translation>Cases</translation>
    </message>
    <message>
        <source>期限数</source>
        <translation>Periods</translation>
    </message>
    <message>
        <source>正在查找案件…</source>
        <translation>Finding cases…</translation>
    </message>
    <message>
        <source>导出统计</source>
        <translation>Export Statistics</translation>
    </message>
    <message>
        <source>质量看板_{0}_{1}.xlsx</source>
        <translation>quality_dashboard_{0}_{1}.xlsx</translation>
    </message>
    <message>
        <source>&#x3000;已导出到 {0}</source>
        <translation>   Exported to {0}</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>日历</source>
        <translation>Calendar</translation>
    </message>
    <message>
        <source>从日历中选择{0}</source>
        <translation>Choose {0} from the calendar</translation>
    </message>
    <message>
        <source>不能为空</source>
        <translation>Must not be empty</translation>
    </message>
</context>
<context>
    <name>DeadlineBoard</name>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>{0} {1} 项</source>
        <translation>{0}: {1}</translation>
    </message>
</context>
<context>
    <name>DeadlineBoardModel</name>
    <message>
        <source>期限中止</source>
        <translation>Period suspended</translation>
    </message>
    <message>
        <source>超期 {0} 天办结</source>
        <translation>Closed {0} days late</translation>
    </message>
</context>
<context>
    <name>EvidenceChainView</name>
    <message>
        <source>证据种类</source>
        <translation>Kind of evidence</translation>
    </message>
    <message>
        <source>数量</source>
        <translation>Count</translation>
    </message>
    <message>
        <source>零口供案件：间接证据定案须同时符合的五项条件（审查指引，只读）</source>
        <translation>No-confession case: the five conditions circumstantial evidence must all meet for a conviction (review guide, read only)</translation>
    </message>
    <message>
        <source>本案没有犯罪嫌疑人、被告人认罪的供述。没有直接证据，但间接证据同时符合下列条件的，才可以认定有罪：</source>
        <translation>There is no confession by the suspect or defendant in this case. Without direct evidence, guilt may be found only when the circumstantial evidence meets all of the following conditions:</translation>
    </message>
    <message>
        <source>依据：{0}</source>
        <translation>Basis: {0}</translation>
    </message>
    <message>
        <source>证据种类（《中华人民共和国刑事诉讼法》第50条）</source>
        <translation>Kinds of evidence (Criminal Procedure Law of the PRC, Article 50)</translation>
    </message>
    <message>
        <source>证据清单（{0} 项）</source>
        <translation>Evidence list ({0} items)</translation>
    </message>
    <message>
        <source>程序事件（{0} 项）</source>
        <translation>Procedural events ({0} items)</translation>
    </message>
    <message>
        <source>0 ✗ 缺</source>
        <translation>0 ✗ missing</translation>
    </message>
    <message>
        <source>缺少 {0} 种：{1}</source>
        <translation>{0} kinds missing: {1}</translation>
    </message>
    <message>
        <source>九种证据均已收集。</source>
        <translation>All nine kinds of evidence have been collected.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>导出</source>
        <extracomment>Set once the person typed or browsed a name: from then on it is theirs, not regenerated.</extracomment>
        <translation>Export</translation>
    </message>
    <message>
        <source>选中的案件（{0} 件）</source>
        <translation>Selected cases ({0})</translation>
    </message>
    <message>
        <source>当前筛选结果（{0} 件）</source>
        <translation>Current filter results ({0} cases)</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>导出内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>案件范围</source>
        <translation>Cases</translation>
    </message>
    <message>
        <source>文件方式</source>
        <translation>Files</translation>
    </message>
    <message>
        <source>保存到</source>
        <translation>Save to</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>每件案件一个文件，保存在此文件夹中，文件名为案号。</source>
        <translation>One file per case, saved in this folder and named after the case number.</translation>
    </message>
    <message>
        <source>所有案件合并保存为这一个文件。</source>
        <translation>All cases saved together in this one file.</translation>
    </message>
    <message>
        <source>{0}_评查表_{1}</source>
        <translation>{0}_review-sheet_{1}</translation>
    </message>
    <message>
        <source>评查表_选中{0}件_{1}</source>
        <translation>review-sheet_{0}-selected_{1}</translation>
    </message>
    <message>
        <source>全部案件</source>
        <translation>All cases</translation>
    </message>
    <message>
        <source>评查表_{0}_{1}</source>
        <translation>review-sheet_{0}_{1}</translation>
    </message>
    <message>
        <source>选择保存文件夹</source>
        <translation>Choose a folder to save in</translation>
    </message>
    <message>
        <source>保存为</source>
        <translation>Save as</translation>
    </message>
    <message>
        <source>{0} 文件 (*.{1})</source>
        <translation>{0} files (*.{1})</translation>
    </message>
    <message>
        <source>请选择保存位置</source>
        <translation>Choose where to save</translation>
    </message>
    <message>
        <source>文件已存在</source>
        <translation>File exists</translation>
    </message>
    <message>
        <source>{0}
已存在，要覆盖它吗？</source>
        <translation>{0}
already exists. Replace it?</translation>
    </message>
</context>
<context>
    <name>FigureTab</name>
    <message>
        <source>导出 Excel…</source>
        <extracomment>Long item questions are cut on the axis; the full text is in the exported table. Bars carry their value as a label only up to this many: beyond it the labels overlap unreadably, and laying out one per bar (374 prosecutors on 100,000 cases) held the window for a quarter of a second.</extracomment>
        <translation>Export to Excel…</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>受理日期 从</source>
        <translation>Received from</translation>
    </message>
    <message>
        <source>受理日期（起）</source>
        <translation>Received on (from)</translation>
    </message>
    <message>
        <source>到</source>
        <translation>to</translation>
    </message>
    <message>
        <source>受理日期（止）</source>
        <translation>Received on (to)</translation>
    </message>
    <message>
        <source>搜索案号、案件名称、罪名</source>
        <translation>Search case number, title, charges</translation>
    </message>
    <message>
        <source>清除筛选</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <source>案件类型</source>
        <translation>Case type</translation>
    </message>
    <message>
        <source>承办检察官</source>
        <translation>Prosecutor</translation>
    </message>
    <message>
        <source>承办部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>检查进度</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>拟评等次</source>
        <translation>Proposed grade</translation>
    </message>
    <message>
        <source>风险提示</source>
        <translation>Risk flags</translation>
    </message>
    <message>
        <source>最近期限</source>
        <translation>Next deadline</translation>
    </message>
</context>
<context>
    <name>FlagCard</name>
    <message>
        <source>依据：{0}</source>
        <translation>Basis: {0}</translation>
    </message>
    <message>
        <source>建议：{0}</source>
        <translation>Suggestion: {0}</translation>
    </message>
    <message>
        <source>法条原文 ▸</source>
        <translation>Article text ▸</translation>
    </message>
    <message>
        <source>法条原文 ▾</source>
        <translation>Article text ▾</translation>
    </message>
</context>
<context>
    <name>FlagsPanel</name>
    <message>
        <source>未发现风险提示。</source>
        <translation>No risk flags found.</translation>
    </message>
    <message>
        <source>办案期限</source>
        <translation>Statutory periods</translation>
    </message>
    <message>
        <source>期限</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>届满日</source>
        <translation>Due on</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>剩余</source>
        <translation>Left</translation>
    </message>
    <message>
        <source>本案不涉及法定办案期限。</source>
        <translation>This case has no statutory periods.</translation>
    </message>
    <message>
        <source>风险提示（{0}）</source>
        <translation>Risk flags ({0})</translation>
    </message>
    <message>
        <source>起算：{0}&#x3000;届满：{1}</source>
        <translation>Starts: {0}   Due: {1}</translation>
    </message>
    <message>
        <source>依据：{0}</source>
        <translation>Basis: {0}</translation>
    </message>
</context>
<context>
    <name>GradeOverrideDialog</name>
    <message>
        <source>改定等次</source>
        <extracomment>Someone else changed the inspection since it was shown: the workspace reloads it. The inspection&apos;s version after the override was saved (None until then).</extracomment>
        <translation>Override grade</translation>
    </message>
    <message>
        <source>拟评等次：{0}（得分 {1:g} 分）</source>
        <translation>Proposed grade: {0} (score {1:g})</translation>
    </message>
    <message>
        <source>必填：写明改定等次的理由（将记入审计日志）</source>
        <translation>Required: the reason for changing the grade (recorded in the audit log)</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>改定为：</source>
        <translation>Change to:</translation>
    </message>
    <message>
        <source>理由：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source>请写明改定等次的理由。</source>
        <translation>Please give the reason for changing the grade.</translation>
    </message>
    <message>
        <source>现为：{0}（{1}）</source>
        <translation>Now: {0} ({1})</translation>
    </message>
    <message>
        <source>{0}{1} 已重新加载；如仍要改定，请核对后再次保存。</source>
        <translation>{0}{1} reloaded; to still override it, check and save again.</translation>
    </message>
    <message>
        <source>无法改定等次：{0}。改定等次须由案管评查员进行（本人承办的案件须回避）。</source>
        <translation>Cannot change the grade: {0}. Grades are changed by a case-management reviewer (not on one&apos;s own cases).</translation>
    </message>
    <message>
        <source>无法改定等次：{0}。改定等次须由{1}进行。</source>
        <translation>Cannot change the grade: {0}. The grade must be changed by {1}.</translation>
    </message>
    <message>
        <source>保存失败：{0}</source>
        <translation>Saving failed: {0}</translation>
    </message>
</context>
<context>
    <name>InspectionCompare</name>
    <message>
        <source>仅显示不一致</source>
        <translation>Only differences</translation>
    </message>
    <message>
        <source>本案尚无检查记录。</source>
        <translation>This case has no inspection records yet.</translation>
    </message>
    <message>
        <source>本案只有一份检查记录（{0}），暂无可对比的记录。</source>
        <translation>This case has only one inspection record ({0}); there is nothing to compare.</translation>
    </message>
    <message>
        <source>共 {0} 份检查记录、{1} 个检查项，其中 {2} 项答案不一致（红底标出）。</source>
        <translation>{0} inspection records, {1} items, of which {2} answers differ (marked red).</translation>
    </message>
</context>
<context>
    <name>Job</name>
    <message>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>{0}（{1}/{2}）</source>
        <translation>{0} ({1}/{2})</translation>
    </message>
</context>
<context>
    <name>KaoheDialog</name>
    <message>
        <source>考核与负面清单</source>
        <translation>Appraisal and negative list</translation>
    </message>
    <message>
        <source>统计(&amp;S)</source>
        <translation>&amp;Statistics</translation>
    </message>
    <message>
        <source>导出 Excel(&amp;X)…</source>
        <translation>E&amp;xport Excel…</translation>
    </message>
    <message>
        <source>案号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>案件名称</source>
        <translation>Case title</translation>
    </message>
    <message>
        <source>承办检察官</source>
        <translation>Prosecutor</translation>
    </message>
    <message>
        <source>等次（2017）</source>
        <translation>Grade (2017)</translation>
    </message>
    <message>
        <source>等次（2026）</source>
        <translation>Grade (2026)</translation>
    </message>
    <message>
        <source>得分</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>问题及依据</source>
        <translation>Problems and basis</translation>
    </message>
    <message>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>检察官</source>
        <translation>Prosecutor</translation>
    </message>
    <message>
        <source>等次</source>
        <translation>Grade</translation>
    </message>
    <message>
        <source>按检察官</source>
        <translation>By prosecutor</translation>
    </message>
    <message>
        <source>负面清单</source>
        <translation>Negative list</translation>
    </message>
    <message>
        <source>{0} 至 {1}：{2} 名检察官，评查 {3} 件，负面清单 {4} 件。</source>
        <translation>{0} to {1}: {2} prosecutors, {3} cases reviewed, {4} on the negative list.</translation>
    </message>
    <message>
        <source>全部检察官</source>
        <translation>All prosecutors</translation>
    </message>
    <message>
        <source>评查案件数</source>
        <translation>Cases reviewed</translation>
    </message>
    <message>
        <source>优质</source>
        <translation>Excellent</translation>
    </message>
    <message>
        <source>合格</source>
        <translation>Qualified</translation>
    </message>
    <message>
        <source>瑕疵/基本合格</source>
        <translation>Flawed / basically qualified</translation>
    </message>
    <message>
        <source>不合格</source>
        <translation>Unqualified</translation>
    </message>
    <message>
        <source>平均分</source>
        <translation>Average score</translation>
    </message>
    <message>
        <source>整改完成率</source>
        <translation>Rectification rate</translation>
    </message>
    <message>
        <source>期限超期</source>
        <translation>Overdue periods</translation>
    </message>
    <message>
        <source>导出考核表</source>
        <translation>Export appraisal workbook</translation>
    </message>
    <message>
        <source>考核_{0}_{1}.xlsx</source>
        <translation>appraisal_{0}_{1}.xlsx</translation>
    </message>
    <message>
        <source>&#x3000;已导出到 {0}</source>
        <translation>   Exported to {0}</translation>
    </message>
</context>
<context>
    <name>KeyEditor</name>
    <message>
        <source>检查项</source>
        <extracomment>The key editor&apos;s choices: not in the key, or one of the expected answers.</extracomment>
        <translation>Item</translation>
    </message>
    <message>
        <source>预期答案</source>
        <translation>Expected answer</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Explanation</translation>
    </message>
    <message>
        <source>依据（留空用检查项的依据）</source>
        <translation>Basis (empty: the item&apos;s basis)</translation>
    </message>
    <message>
        <source>（不列入）</source>
        <translation>(not included)</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>登录 — 案件质量自查</source>
        <translation>Sign in — Case Quality Self-Check</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>账户(&amp;U)</source>
        <translation>&amp;Account</translation>
    </message>
    <message>
        <source>密码(&amp;P)</source>
        <translation>&amp;Password</translation>
    </message>
    <message>
        <source>连续 5 次输错密码，账户将被锁定一段时间；忘记密码请找管理员。</source>
        <translation>After 5 wrong passwords in a row the account is locked for a while; if you forgot your password, ask the administrator.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>期限看板</source>
        <translation>Deadline board</translation>
    </message>
    <message>
        <source>数据库：{0}</source>
        <translation>Database: {0}</translation>
    </message>
    <message>
        <source>{0}（工具 → 导入节假日历）</source>
        <translation>{0} (Tools → Import holiday calendar)</translation>
    </message>
    <message>
        <source>新建案件(&amp;N)…</source>
        <translation>&amp;New case…</translation>
    </message>
    <message>
        <source>录入一件新案件</source>
        <translation>Enter a new case</translation>
    </message>
    <message>
        <source>导入(&amp;I)…</source>
        <translation>&amp;Import…</translation>
    </message>
    <message>
        <source>从 JSON 案件文件或 Excel 案件登记表导入案件</source>
        <translation>Import cases from JSON case files or an Excel case register</translation>
    </message>
    <message>
        <source>导出(&amp;E)…</source>
        <translation>&amp;Export…</translation>
    </message>
    <message>
        <source>导出案件数据或评查表</source>
        <translation>Export case data or review sheets</translation>
    </message>
    <message>
        <source>退出(&amp;X)</source>
        <translation>E&amp;xit</translation>
    </message>
    <message>
        <source>打开案件(&amp;O)</source>
        <translation>&amp;Open case</translation>
    </message>
    <message>
        <source>打开案件进行检查（回车或双击）</source>
        <translation>Open the case for inspection (Enter or double-click)</translation>
    </message>
    <message>
        <source>编辑案件(&amp;E)…</source>
        <translation>&amp;Edit case…</translation>
    </message>
    <message>
        <source>修改所选案件的基本信息、证据和程序事件</source>
        <translation>Change the selected case&apos;s details, evidence and procedural events</translation>
    </message>
    <message>
        <source>归档案件(&amp;A)…</source>
        <translation>&amp;Archive cases…</translation>
    </message>
    <message>
        <source>将所选案件归档（归档后不能修改）</source>
        <translation>Archive the selected cases (archived cases cannot be changed)</translation>
    </message>
    <message>
        <source>刷新(&amp;R)</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>清除筛选(&amp;C)</source>
        <translation>&amp;Clear filters</translation>
    </message>
    <message>
        <source>搜索(&amp;F)</source>
        <translation>&amp;Search</translation>
    </message>
    <message>
        <source>期限看板(&amp;D)</source>
        <translation>&amp;Deadline board</translation>
    </message>
    <message>
        <source>整改清单汇总(&amp;Z)…</source>
        <translation>Rectification &amp;overview…</translation>
    </message>
    <message>
        <source>查看各案件的整改事项，按状态、责任人筛选并导出</source>
        <translation>See every case&apos;s rectification items, filter them by status and owner, and export them</translation>
    </message>
    <message>
        <source>质量看板(&amp;D)…</source>
        <translation>Quality &amp;dashboard…</translation>
    </message>
    <message>
        <source>等次分布、平均分、趋势、常见问题、期限预警和整改完成情况</source>
        <translation>Grade distribution, average scores, trends, common problems, deadline warnings and rectification progress</translation>
    </message>
    <message>
        <source>考核与负面清单(&amp;K)…</source>
        <translation>A&amp;ppraisal and negative list…</translation>
    </message>
    <message>
        <source>按检察官汇总评查结果，列出负面清单并导出</source>
        <translation>Review results per prosecutor, with the negative list, for export</translation>
    </message>
    <message>
        <source>练习示例案件(&amp;P)…</source>
        <translation>&amp;Practice on sample cases…</translation>
    </message>
    <message>
        <source>在示例案件上逐项作答检查表，并与答案要点对照</source>
        <translation>Answer the checklist on a sample case and compare with the answer key</translation>
    </message>
    <message>
        <source>关于(&amp;A)</source>
        <translation>&amp;About</translation>
    </message>
    <message>
        <source>快捷键(&amp;K)…</source>
        <translation>&amp;Keyboard shortcuts…</translation>
    </message>
    <message>
        <source>列出所有键盘操作</source>
        <translation>List every keyboard operation</translation>
    </message>
    <message>
        <source>撤销作答(&amp;U)</source>
        <translation>&amp;Undo answer</translation>
    </message>
    <message>
        <source>撤销本案检查表的上一次作答</source>
        <translation>Undo the last answer in this case&apos;s checklist</translation>
    </message>
    <message>
        <source>重做作答(&amp;R)</source>
        <translation>&amp;Redo answer</translation>
    </message>
    <message>
        <source>重做刚撤销的作答</source>
        <translation>Redo the answer just undone</translation>
    </message>
    <message>
        <source>下一件案件(&amp;X)</source>
        <translation>Ne&amp;xt case</translation>
    </message>
    <message>
        <source>打开登记簿中的下一件案件</source>
        <translation>Open the next case in the register</translation>
    </message>
    <message>
        <source>上一件案件(&amp;V)</source>
        <translation>Pre&amp;vious case</translation>
    </message>
    <message>
        <source>打开登记簿中的上一件案件</source>
        <translation>Open the previous case in the register</translation>
    </message>
    <message>
        <source>关闭案件(&amp;W)</source>
        <translation>Close case (&amp;W)</translation>
    </message>
    <message>
        <source>关闭当前案件页，回到登记簿</source>
        <translation>Close the current case tab and return to the register</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>培训(&amp;R)</source>
        <translation>T&amp;raining</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>共 {0} 件案件</source>
        <translation>{0} cases</translation>
    </message>
    <message>
        <source>显示 {0} 件 / 共 {1} 件案件</source>
        <translation>Showing {0} of {1} cases</translation>
    </message>
    <message>
        <source>已保存案件 {0}</source>
        <translation>Case {0} saved</translation>
    </message>
    <message>
        <source>已是登记簿中的最后一件案件</source>
        <translation>This is the last case in the register</translation>
    </message>
    <message>
        <source>已是登记簿中的第一件案件</source>
        <translation>This is the first case in the register</translation>
    </message>
    <message>
        <source>等</source>
        <translation>and others</translation>
    </message>
    <message>
        <source>归档案件</source>
        <translation>Archive cases</translation>
    </message>
    <message>
        <source>确定将 {0} 件案件归档吗？
{1}

归档后案件不能再修改。</source>
        <translation>Archive {0} cases?
{1}

Archived cases cannot be changed any more.</translation>
    </message>
    <message>
        <source>已归档 {0} 件案件</source>
        <translation>{0} cases archived</translation>
    </message>
    <message>
        <source>质量看板：登记簿显示所选的 {0} 件案件，“清除筛选”可查看全部</source>
        <translation>Quality dashboard: the register shows the {0} cases chosen; &quot;Clear filters&quot; shows all</translation>
    </message>
    <message>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <source>&lt;b&gt;{0}&lt;/b&gt;&#x3000;版本 {1}</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt;   version {1}</translation>
    </message>
    <message>
        <source>供检察机关离线使用的案件质量自查工具：案件登记、检查表自查、期限提醒、评查评分与报表导出。

所有数据仅保存在本机数据库中。
数据库：{0}</source>
        <translation>An offline tool for procuratorates to check the quality of their cases: case register, checklist self-inspection, deadline reminders, review scoring and report export.

All data stays in the database on this computer.
Database: {0}</translation>
    </message>
</context>
<context>
    <name>OverviewModel</name>
    <message>
        <source>已逾期，尚未整改</source>
        <translation>Overdue, not yet rectified</translation>
    </message>
    <message>
        <source>{0}
编号：{1}</source>
        <translation>{0}
No.: {1}</translation>
    </message>
</context>
<context>
    <name>PeerComparison</name>
    <message>
        <source>案号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>折合月数</source>
        <translation>Months</translation>
    </message>
    <message>
        <source>涉案数额（元）</source>
        <translation>Amount involved (yuan)</translation>
    </message>
    <message>
        <source>量刑情节</source>
        <translation>Sentencing circumstances</translation>
    </message>
    <message>
        <source>本案没有足够的同类案件可供比对（同罪名案件不足设定的最少件数），或缺少判处刑罚/量刑建议。</source>
        <translation>There are not enough comparable cases (fewer cases with the same charge than the set minimum), or the sentence or sentencing proposal is missing.</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#d32f2f;&apos;&gt;离群：&lt;/b&gt;{0}</source>
        <translation>&lt;b style=&apos;color:#d32f2f;&apos;&gt;Outlier: &lt;/b&gt;{0}</translation>
    </message>
    <message>
        <source>本案在同类案件的正常范围内。</source>
        <translation>This case is within the normal range of comparable cases.</translation>
    </message>
    <message>
        <source>同类案件组：{0}（{1} 件），中位数 {2:g} 个月，范围 {3:.1f}–{4:.1f} 个月。{5}</source>
        <translation>Comparable group: {0} ({1} cases), median {2:g} months, range {3:.1f}–{4:.1f} months. {5}</translation>
    </message>
    <message>
        <source>同类案件</source>
        <translation>Comparable cases</translation>
    </message>
    <message>
        <source>本案</source>
        <translation>This case</translation>
    </message>
    <message>
        <source>中位数</source>
        <translation>Median</translation>
    </message>
    <message>
        <source>上限</source>
        <translation>Upper bound</translation>
    </message>
    <message>
        <source>下限</source>
        <translation>Lower bound</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>类案比对：{0}</source>
        <translation>Comparable cases: {0}</translation>
    </message>
</context>
<context>
    <name>ProfileDialog</name>
    <message>
        <source>本人信息</source>
        <translation>My details</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>姓名(&amp;N)</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>身份(&amp;R)</source>
        <translation>&amp;Role</translation>
    </message>
    <message>
        <source>姓名打印在评查意见书和自查表的“检查人”处；身份决定能否改定等次、修改检查表模板。</source>
        <translation>The name is printed as &quot;inspector&quot; on review opinions and self-check sheets; the role decides who may change grades and edit checklist templates.</translation>
    </message>
</context>
<context>
    <name>ProgressDialog</name>
    <message>
        <source>取消</source>
        <extracomment>Progress is forwarded at most this often; a job reporting every row would otherwise flood the event queue.</extracomment>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>RecordTable</name>
    <message>
        <source>日期格式：YYYY-MM-DD，例如 2026-03-02</source>
        <extracomment>New rows get the next free id with this prefix (E1, E2 …) in the &quot;id&quot; column, when there is one.</extracomment>
        <translation>Date format: YYYY-MM-DD, e.g. 2026-03-02</translation>
    </message>
    <message>
        <source>添加{0}</source>
        <translation>Add {0}</translation>
    </message>
    <message>
        <source>删除{0}</source>
        <translation>Delete {0}</translation>
    </message>
</context>
<context>
    <name>RectificationModel</name>
    <message>
        <source>已逾期，尚未整改</source>
        <translation>Overdue, not yet rectified</translation>
    </message>
    <message>
        <source>{0}
编号：{1}</source>
        <translation>{0}
No.: {1}</translation>
    </message>
</context>
<context>
    <name>RectificationOverview</name>
    <message>
        <source>整改清单汇总</source>
        <translation>Rectification overview</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>案号或案件名称中的文字</source>
        <translation>Text in the case number or title</translation>
    </message>
    <message>
        <source>刷新(&amp;R)</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>状态(&amp;S)：</source>
        <translation>&amp;Status:</translation>
    </message>
    <message>
        <source>承办部门(&amp;D)：</source>
        <translation>&amp;Department:</translation>
    </message>
    <message>
        <source>承办检察官(&amp;P)：</source>
        <translation>&amp;Prosecutor:</translation>
    </message>
    <message>
        <source>责任人(&amp;O)：</source>
        <translation>&amp;Owner:</translation>
    </message>
    <message>
        <source>案件(&amp;C)：</source>
        <translation>&amp;Case:</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>导出 Excel(&amp;E)…</source>
        <translation>&amp;Export Excel…</translation>
    </message>
    <message>
        <source>每件案件的整改清单随案件和检查记录的修改自动生成。双击一行打开该案件。</source>
        <translation>Each case&apos;s rectification list is derived automatically when the case or its inspection changes. Double-click a row to open the case.</translation>
    </message>
    <message>
        <source>{0} 件案件，共 {1} 项；待整改 {2} 项，其中已逾期 {3} 项</source>
        <translation>{0} cases, {1} items; {2} pending, {3} of them overdue</translation>
    </message>
    <message>
        <source>导出整改清单</source>
        <translation>Export rectification list</translation>
    </message>
    <message>
        <source>整改清单.xlsx</source>
        <translation>rectification-list.xlsx</translation>
    </message>
    <message>
        <source>正在导出整改清单…</source>
        <translation>Exporting the rectification list…</translation>
    </message>
    <message>
        <source>导出完成</source>
        <translation>Export finished</translation>
    </message>
    <message>
        <source>已导出 {0} 项整改事项：
{1}</source>
        <translation>Exported {0} rectification items:
{1}</translation>
    </message>
</context>
<context>
    <name>RectificationPanel</name>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>状态(&amp;S)：</source>
        <translation>&amp;Status:</translation>
    </message>
    <message>
        <source>

请先在“不予整改理由”一栏写明理由，再将状态改为“不予整改”。</source>
        <translation>

First give the reason in the &quot;Reason for declining&quot; column, then set the status to &quot;Declined&quot;.</translation>
    </message>
    <message>
        <source>整改清单未修改</source>
        <translation>Rectification list not changed</translation>
    </message>
</context>
<context>
    <name>RiskPanel</name>
    <message>
        <source>说明不一致的理由(&amp;Y)…</source>
        <translation>Explain wh&amp;y the decision differs…</translation>
    </message>
    <message>
        <source>理由（已具备的指标）</source>
        <translation>Reasons (indicators present)</translation>
    </message>
    <message>
        <source>尚未查明的指标</source>
        <translation>Indicators not yet established</translation>
    </message>
    <message>
        <source>改变颜色的情形</source>
        <translation>What would change the colour</translation>
    </message>
    <message>
        <source>；属于应当逮捕的情形（刑事诉讼法第81条第3款），不论分值一律红色</source>
        <translation>; this is a case where arrest is mandatory (Criminal Procedure Law Art. 81(3)), red whatever the score</translation>
    </message>
    <message>
        <source>社会危险性量化评估（模型版本 {0}）：得分 {1:g}，红色阈值 {2:g}、黄色阈值 {3:g}{4}。三色码是辅助参考，不代替检察官对逮捕条件的审查判断。</source>
        <translation>Quantified assessment of social danger (model version {0}): score {1:g}, red threshold {2:g}, yellow threshold {3:g}{4}. The three-colour code is an aid only and does not replace the prosecutor&apos;s judgement of the arrest conditions.</translation>
    </message>
    <message>
        <source>（{0:+g}）</source>
        <translation> ({0:+g})</translation>
    </message>
    <message>
        <source>{0}{1}
依据：{2}</source>
        <translation>{0}{1}
Basis: {2}</translation>
    </message>
    <message>
        <source>{0}（证据：{1}）</source>
        <translation>{0} (evidence: {1})</translation>
    </message>
    <message>
        <source>查明具备</source>
        <translation>Established</translation>
    </message>
    <message>
        <source>排除</source>
        <translation>Excluded</translation>
    </message>
    <message>
        <source>单独一项的回答不会改变颜色</source>
        <translation>No single answer would change the colour</translation>
    </message>
    <message>
        <source>尚未作出逮捕决定。</source>
        <translation>No arrest decision yet.</translation>
    </message>
    <message>
        <source>已作出决定：{0}。</source>
        <translation>Decision made: {0}.</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#d32f2f;&apos;&gt;决定与三色码不一致，&lt;/b&gt;</source>
        <translation>&lt;b style=&apos;color:#d32f2f;&apos;&gt;The decision differs from the colour code, &lt;/b&gt;</translation>
    </message>
    <message>
        <source>理由（{0}，{1}）：{2}</source>
        <translation>Reason ({0}, {1}): {2}</translation>
    </message>
    <message>
        <source>请说明理由。</source>
        <translation>Please give the reason.</translation>
    </message>
    <message>
        <source>决定与三色码不一致</source>
        <translation>Decision differs from the colour code</translation>
    </message>
    <message>
        <source>请说明作出该决定的理由（将记入案件和审计记录）：</source>
        <translation>Please give the reason for this decision (recorded in the case and the audit log):</translation>
    </message>
    <message>
        <source>无法保存：</source>
        <translation>Cannot save: </translation>
    </message>
</context>
<context>
    <name>RiskTabs</name>
    <message>
        <source>三色码</source>
        <translation>Colour code</translation>
    </message>
    <message>
        <source>类案比对</source>
        <translation>Comparable cases</translation>
    </message>
</context>
<context>
    <name>ScorePanel</name>
    <message>
        <source>评分与等次</source>
        <translation>Score and grade</translation>
    </message>
    <message>
        <source>改定等次…</source>
        <translation>Override grade…</translation>
    </message>
    <message>
        <source>{0:g} 分</source>
        <translation>{0:g} points</translation>
    </message>
    <message>
        <source>拟评等次：&lt;b style=&apos;color:{0};&apos;&gt;{1}&lt;/b&gt;</source>
        <translation>Proposed grade: &lt;b style=&apos;color:{0};&apos;&gt;{1}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>改定等次：&lt;b style=&apos;color:{0};&apos;&gt;{1}&lt;/b&gt;&#x3000;理由：{2}</source>
        <translation>Grade changed to: &lt;b style=&apos;color:{0};&apos;&gt;{1}&lt;/b&gt;   Reason: {2}</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>快捷键</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>位置</source>
        <translation>Where</translation>
    </message>
    <message>
        <source>按键</source>
        <translation>Keys</translation>
    </message>
    <message>
        <source>作用</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>StatsFilterBar</name>
    <message>
        <source>受理日期</source>
        <extracomment>Every field the bar can show, in the order shown.</extracomment>
        <translation>Received on</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>受理日期自</source>
        <translation>Received from</translation>
    </message>
    <message>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>检察官</source>
        <translation>Prosecutor</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>全部检查方式</source>
        <translation>All inspection kinds</translation>
    </message>
    <message>
        <source>{0} 评定标准</source>
        <translation>{0} grading scheme</translation>
    </message>
    <message>
        <source>（当前）</source>
        <translation> (current)</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
</context>
<context>
    <name>ToolsMenu</name>
    <message>
        <source>工具(&amp;T)</source>
        <translation>&amp;Tools</translation>
    </message>
    <message>
        <source>本人信息(&amp;P)…</source>
        <translation>My &amp;details…</translation>
    </message>
    <message>
        <source>填写打印在评查意见书上的检查人姓名和本人身份</source>
        <translation>Enter the inspector name printed on review opinions, and your role</translation>
    </message>
    <message>
        <source>备份与恢复(&amp;K)…</source>
        <translation>Bac&amp;kup and restore…</translation>
    </message>
    <message>
        <source>查看、立即生成或恢复数据库备份</source>
        <translation>View, make or restore database backups</translation>
    </message>
    <message>
        <source>导入节假日历(&amp;I)…</source>
        <translation>&amp;Import holiday calendar…</translation>
    </message>
    <message>
        <source>导入国务院办公厅公布的节假日安排（casecheck.calendar/1 文件），并重新计算各案件的期限</source>
        <translation>Import the holiday schedule published by the General Office of the State Council (a casecheck.calendar/1 file) and recompute every case&apos;s periods</translation>
    </message>
    <message>
        <source>恢复内置节假日历(&amp;B)</source>
        <translation>Restore &amp;built-in holiday calendar</translation>
    </message>
    <message>
        <source>重新计算全部案件(&amp;C)</source>
        <translation>Re&amp;compute all cases</translation>
    </message>
    <message>
        <source>按当前节假日历和规则重新计算所有案件的期限和风险提示</source>
        <translation>Recompute every case&apos;s periods and risk flags with the current holiday calendar and rules</translation>
    </message>
    <message>
        <source>评定标准(&amp;G)</source>
        <translation>&amp;Grading scheme</translation>
    </message>
    <message>
        <source>依据：{0}</source>
        <translation>Basis: {0}</translation>
    </message>
    <message>
        <source>（未经核实）</source>
        <translation>(not verified)</translation>
    </message>
    <message>
        <source>界面语言(&amp;L)</source>
        <translation>Interface &amp;language</translation>
    </message>
    <message>
        <source>检查表模板(&amp;M)</source>
        <translation>Checklist te&amp;mplates</translation>
    </message>
    <message>
        <source>导出为 Excel(&amp;E)</source>
        <translation>&amp;Export to Excel</translation>
    </message>
    <message>
        <source>从 Excel 导入(&amp;I)…</source>
        <translation>&amp;Import from Excel…</translation>
    </message>
    <message>
        <source>导入修改过的检查表模板，保存为该案件类型的新版本</source>
        <translation>Import an edited checklist template and save it as a new version for its case type</translation>
    </message>
    <message>
        <source>本人信息已保存：{0}</source>
        <translation>My details saved: {0}</translation>
    </message>
    <message>
        <source>导入节假日历</source>
        <translation>Import holiday calendar</translation>
    </message>
    <message>
        <source>正在按新的节假日历重新计算各案件的期限…</source>
        <translation>Recomputing every case&apos;s periods with the new holiday calendar…</translation>
    </message>
    <message>
        <source>已导入节假日历（{0}），并按新日历重新计算了 {1} 件案件的期限。</source>
        <translation>Holiday calendar imported ({0}); the periods of {1} cases were recomputed with it.</translation>
    </message>
    <message>
        <source>正在按内置节假日历重新计算各案件的期限…</source>
        <translation>Recomputing every case&apos;s periods with the built-in holiday calendar…</translation>
    </message>
    <message>
        <source>恢复内置节假日历</source>
        <translation>Restore built-in holiday calendar</translation>
    </message>
    <message>
        <source>已恢复内置节假日历（{0}），并重新计算了 {1} 件案件的期限。</source>
        <translation>Built-in holiday calendar restored ({0}); the periods of {1} cases were recomputed.</translation>
    </message>
    <message>
        <source>正在重新计算各案件的期限和风险提示…</source>
        <translation>Recomputing every case&apos;s periods and risk flags…</translation>
    </message>
    <message>
        <source>重新计算全部案件</source>
        <translation>Recompute all cases</translation>
    </message>
    <message>
        <source>已重新计算 {0} 件案件的期限和风险提示。</source>
        <translation>Periods and risk flags of {0} cases recomputed.</translation>
    </message>
    <message>
        <source>节假日历未导入</source>
        <translation>Holiday calendar not imported</translation>
    </message>
    <message>
        <source>节假日历文件有错误，未作任何更改：

{0}</source>
        <translation>The holiday calendar file has errors; nothing was changed:

{0}</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <source>界面语言已更改，下次启动程序时生效。</source>
        <translation>The interface language has been changed; it takes effect the next time the program starts.</translation>
    </message>
    <message>
        <source>评定标准无法使用</source>
        <translation>Grading scheme cannot be used</translation>
    </message>
    <message>
        <source>评定标准文件有错误，仍使用原来的标准：

{0}</source>
        <translation>The grading scheme file has errors; the previous scheme stays in use:

{0}</translation>
    </message>
    <message>
        <source>评定标准：{0}</source>
        <translation>Grading scheme: {0}</translation>
    </message>
    <message>
        <source>检查表模板-{0}-{1}.xlsx</source>
        <translation>checklist-template-{0}-{1}.xlsx</translation>
    </message>
    <message>
        <source>导出检查表模板</source>
        <translation>Export checklist template</translation>
    </message>
    <message>
        <source>检查表模板未导出</source>
        <translation>Checklist template not exported</translation>
    </message>
    <message>
        <source>无法写入文件（可能正被其他程序打开）：
{0}

{1}</source>
        <translation>Cannot write the file (it may be open in another program):
{0}

{1}</translation>
    </message>
    <message>
        <source>导出完成</source>
        <translation>Export finished</translation>
    </message>
    <message>
        <source>已导出检查表模板“{0}”（版本 {1}，共 {2} 项）：
{3}

在 Excel 中修改后，可通过“工具 → 检查表模板 → 从 Excel 导入”保存为新版本。</source>
        <translation>Checklist template &quot;{0}&quot; exported (version {1}, {2} items):
{3}

After editing it in Excel, save it as a new version with &quot;Tools → Checklist templates → Import from Excel&quot;.</translation>
    </message>
    <message>
        <source>导入检查表模板</source>
        <translation>Import checklist template</translation>
    </message>
    <message>
        <source>检查表模板未导入</source>
        <translation>Checklist template not imported</translation>
    </message>
    <message>
        <source>“{0}”中有 {1} 处问题，未导入任何内容。
逐条问题见详细信息，改正后请重新导入。</source>
        <translation>&quot;{0}&quot; has {1} problems; nothing was imported.
See the details for each problem, correct them and import again.</translation>
    </message>
    <message>
        <source>未新增版本</source>
        <translation>No new version</translation>
    </message>
    <message>
        <source>“{0}”与{1}检查表的现有版本 {2} 内容相同，未新增版本。</source>
        <translation>&quot;{0}&quot; is the same as the existing version {2} of the {1} checklist; no new version was added.</translation>
    </message>
    <message>
        <source>导入完成</source>
        <translation>Import finished</translation>
    </message>
    <message>
        <source>已导入{0}检查表“{1}”，新版本为 {2}，共 {3} 项。
此后新开始的检查使用这一版本；已开始的检查仍按原版本。</source>
        <translation>Imported the {0} checklist &quot;{1}&quot; as new version {2} with {3} items.
Inspections started from now on use this version; inspections already started keep theirs.</translation>
    </message>
    <message>
        <source>已导入检查表模板新版本 {0}</source>
        <translation>Checklist template version {0} imported</translation>
    </message>
</context>
<context>
    <name>TrainerActions</name>
    <message>
        <source>培训成绩(&amp;G)…</source>
        <translation>Training &amp;Results…</translation>
    </message>
    <message>
        <source>把案件制作为示例（脱敏）(&amp;M)…</source>
        <translation>&amp;Make Case into a Sample (Anonymised)…</translation>
    </message>
    <message>
        <source>导出示例包(&amp;E)…</source>
        <translation>&amp;Export Sample Pack…</translation>
    </message>
    <message>
        <source>导入示例包(&amp;I)…</source>
        <translation>&amp;Import Sample Pack…</translation>
    </message>
    <message>
        <source>制作示例（脱敏）</source>
        <translation>Make a Sample (Anonymised)</translation>
    </message>
    <message>
        <source>案号：</source>
        <translation>Case number:</translation>
    </message>
    <message>
        <source>导出示例包</source>
        <translation>Export Sample Pack</translation>
    </message>
    <message>
        <source>示例包 (*.zip)</source>
        <translation>Sample packs (*.zip)</translation>
    </message>
    <message>
        <source>已导出 %1 个示例到 %2</source>
        <translation>Exported %1 samples to %2</translation>
    </message>
    <message>
        <source>导入示例包</source>
        <translation>Import Sample Pack</translation>
    </message>
    <message>
        <source>仍要导入（标记为未经验证）吗？</source>
        <translation>Import anyway (marked as unverified)?</translation>
    </message>
    <message>
        <source>新增 %1 个、更新 %2 个示例（%3），保存在 %4。</source>
        <translation>%1 samples added, %2 updated (%3), saved in %4.</translation>
    </message>
    <message>
        <source>已验证</source>
        <translation>verified</translation>
    </message>
    <message>
        <source>未经验证</source>
        <translation>unverified</translation>
    </message>
</context>
<context>
    <name>TrainingDialog</name>
    <message>
        <source>练习示例案件</source>
        <translation>Practise on Sample Cases</translation>
    </message>
    <message>
        <source>示例案件(&amp;S)：</source>
        <translation>&amp;Sample case:</translation>
    </message>
    <message>
        <source>阅读案件材料，像办案时一样逐项作答检查表（1 符合、2 不符合、3 不适用、4 待核实），然后按 Ctrl+Enter 或点“提交”与答案要点对照。</source>
        <translation>Read the case file and answer the checklist item by item as at work (1 pass, 2 fail, 3 not applicable, 4 to verify), then press Ctrl+Enter or click “Submit” to compare with the answer key.</translation>
    </message>
    <message>
        <source>基本情况与事实</source>
        <translation>Case and facts</translation>
    </message>
    <message>
        <source>证据与程序事件</source>
        <translation>Evidence and events</translation>
    </message>
    <message>
        <source>检查项</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>答案要点</source>
        <translation>Answer key</translation>
    </message>
    <message>
        <source>你的作答</source>
        <translation>Your answer</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>作答</source>
        <translation>Answer</translation>
    </message>
    <message>
        <source>对照结果</source>
        <translation>Comparison</translation>
    </message>
    <message>
        <source>逐项对照</source>
        <translation>Item by item</translation>
    </message>
    <message>
        <source>程序评查结果</source>
        <translation>Program&apos;s findings</translation>
    </message>
    <message>
        <source>提交(&amp;T)</source>
        <translation>Submi&amp;t</translation>
    </message>
    <message>
        <source>重新作答(&amp;A)</source>
        <translation>&amp;Answer Again</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>没有可用的示例案件。</source>
        <translation>No sample cases are available.</translation>
    </message>
    <message>
        <source>本示例的答案要点未给出逐项答案，提交后只能查看程序评查结果。</source>
        <translation>This sample&apos;s answer key gives no item answers; after submitting only the program&apos;s findings are shown.</translation>
    </message>
    <message>
        <source>尚未提交</source>
        <translation>Not submitted yet</translation>
    </message>
    <message>
        <source>成绩未保存：</source>
        <translation>Result not saved: </translation>
    </message>
    <message>
        <source>得分 %1 / 100</source>
        <translation>Score %1 / 100</translation>
    </message>
    <message>
        <source>已提交，如需再练请点“重新作答”。</source>
        <translation>Already submitted; click “Answer Again” to practise again.</translation>
    </message>
    <message>
        <source>逐项对照 %1 项：一致 %2 项；遗漏问题 %3 项；误报问题 %4 项；其他判断不同 %5 项。得分 = 一致项 ÷ 对照项 × 100。</source>
        <translation>%1 items compared: %2 agreed; %3 problems missed; %4 false alarms; %5 other differences. Score = agreed ÷ compared × 100.</translation>
    </message>
    <message>
        <source>答案要点没有给出本案适用检查项的逐项答案。</source>
        <translation>The answer key gives no answers for the items that apply to this case.</translation>
    </message>
    <message>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <source>已发现的问题</source>
        <translation>Problems found</translation>
    </message>
    <message>
        <source>你的备注</source>
        <translation>Your notes</translation>
    </message>
    <message>
        <source>（{0}）</source>
        <translation> ({0}) </translation>
    </message>
</context>
<context>
    <name>TrainingResultsDialog</name>
    <message>
        <source>培训成绩</source>
        <translation>Training Results</translation>
    </message>
    <message>
        <source>全部示例</source>
        <translation>All samples</translation>
    </message>
    <message>
        <source>学员</source>
        <translation>Trainee</translation>
    </message>
    <message>
        <source>账户</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>练习次数</source>
        <translation>Runs</translation>
    </message>
    <message>
        <source>平均分</source>
        <translation>Average score</translation>
    </message>
    <message>
        <source>最高分</source>
        <translation>Best score</translation>
    </message>
    <message>
        <source>最近练习</source>
        <translation>Last run</translation>
    </message>
    <message>
        <source>检查项</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>遗漏次数</source>
        <translation>Missed</translation>
    </message>
    <message>
        <source>误报次数</source>
        <translation>False alarms</translation>
    </message>
    <message>
        <source>作答次数</source>
        <translation>Answered</translation>
    </message>
    <message>
        <source>涉及学员</source>
        <translation>Trainees</translation>
    </message>
    <message>
        <source>示例</source>
        <translation>Sample</translation>
    </message>
    <message>
        <source>得分</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>对照项</source>
        <translation>Compared</translation>
    </message>
    <message>
        <source>一致</source>
        <translation>Agreed</translation>
    </message>
    <message>
        <source>遗漏</source>
        <translation>Missed</translation>
    </message>
    <message>
        <source>误报</source>
        <translation>False alarms</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>按学员</source>
        <translation>By trainee</translation>
    </message>
    <message>
        <source>最常遗漏的检查项</source>
        <translation>Most-missed items</translation>
    </message>
    <message>
        <source>全部练习记录</source>
        <translation>All runs</translation>
    </message>
    <message>
        <source>示例(&amp;S)：</source>
        <translation>&amp;Sample:</translation>
    </message>
</context>
<context>
    <name>_Form</name>
    <message>
        <source>取消</source>
        <extracomment>Remembered when the person declines to set up accounts, so the offer is not made again on this workstation.</extracomment>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>案件质量自查（图形界面）</source>
        <translation>Case quality self-check (graphical interface)</translation>
    </message>
    <message>
        <source>数据库文件路径或 SQLAlchemy URL（默认为用户数据目录中的 casecheck.db）</source>
        <translation>Database file path or SQLAlchemy URL (default: casecheck.db in the user data folder)</translation>
    </message>
    <message>
        <source>数据库为空时填入演示案件</source>
        <translation>Fill an empty database with demo cases</translation>
    </message>
    <message>
        <source>界面和提示信息的语言（zh 或 en；默认为“工具 → 界面语言”的选择，即中文）</source>
        <translation>Language of the interface and messages (zh or en; default: the choice in &quot;Tools → Interface language&quot;, Chinese unless changed)</translation>
    </message>
    <message>
        <source>打开主窗口、显示后立即退出，并输出案件数（用于检验安装包）</source>
        <translation>Open the main window, quit as soon as it is shown and print the number of cases (to test an installation)</translation>
    </message>
    <message>
        <source>这是本机导入的节假日历。请改正该文件，或将其删除以恢复使用内置节假日历：
{0}</source>
        <translation>This is the holiday calendar imported on this computer. Correct the file, or delete it to use the built-in calendar again:
{0}</translation>
    </message>
    <message>
        <source>请改正该文件后重新启动程序。</source>
        <translation>Please correct the file and start the program again.</translation>
    </message>
    <message>
        <source>正在打开案件登记簿……</source>
        <translation>Opening the case register…</translation>
    </message>
    <message>
        <source>数据库密码</source>
        <translation>Database Password</translation>
    </message>
    <message>
        <source>请输入数据库服务器的密码：
{0}</source>
        <translation>Enter the password of the database server:
{0}</translation>
    </message>
    <message>
        <source>数据库无法使用</source>
        <translation>The database cannot be used</translation>
    </message>
    <message>
        <source>{0}

数据库：{1}</source>
        <translation>{0}

Database: {1}</translation>
    </message>
    <message>
        <source>程序安装不完整</source>
        <translation>The installation is incomplete</translation>
    </message>
    <message>
        <source>数据文件有错误</source>
        <translation>A data file has errors</translation>
    </message>
    <message>
        <source>程序无法启动，因为下面这个数据文件有错误：

{0}

{1}</source>
        <translation>The program cannot start because this data file has errors:

{0}

{1}</translation>
    </message>
</context>
<context>
    <name>backup_dialog</name>
    <message>
        <source>备份时间</source>
        <translation>Backed up at</translation>
    </message>
    <message>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
</context>
<context>
    <name>case_history</name>
    <message>
        <source>新建案件</source>
        <extracomment>Actions in words a prosecutor uses; an unknown action is shown by its code.</extracomment>
        <translation>New case</translation>
    </message>
    <message>
        <source>修改案件</source>
        <translation>Case changed</translation>
    </message>
    <message>
        <source>归档</source>
        <translation>Archived</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Imported</translation>
    </message>
    <message>
        <source>开始检查</source>
        <translation>Inspection started</translation>
    </message>
    <message>
        <source>填写检查项</source>
        <translation>Item answered</translation>
    </message>
    <message>
        <source>交换包导入检查记录</source>
        <translation>Inspection imported from an exchange bundle</translation>
    </message>
    <message>
        <source>改定等次</source>
        <translation>Override grade</translation>
    </message>
    <message>
        <source>更新整改清单</source>
        <translation>Rectification list updated</translation>
    </message>
    <message>
        <source>整改事项变更</source>
        <translation>Rectification item changed</translation>
    </message>
    <message>
        <source>交换包导入整改事项</source>
        <translation>Rectification items imported from an exchange bundle</translation>
    </message>
    <message>
        <source>时间（UTC）</source>
        <translation>Time (UTC)</translation>
    </message>
    <message>
        <source>操作人</source>
        <translation>By</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>内容（原值 → 新值）</source>
        <translation>Change (old → new)</translation>
    </message>
</context>
<context>
    <name>case_table_model</name>
    <message>
        <source>案号</source>
        <extracomment>The `CaseQuery.sort` key, or None when the column cannot be sorted. The figures come right after the name: a team lead reads 进度, 得分, 等次, 提示 and 期限 without scrolling.</extracomment>
        <translation>Case number</translation>
    </message>
    <message>
        <source>案件名称</source>
        <translation>Case title</translation>
    </message>
    <message>
        <source>检查进度</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>得分</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>拟评等次</source>
        <translation>Proposed grade</translation>
    </message>
    <message>
        <source>风险提示</source>
        <translation>Risk flags</translation>
    </message>
    <message>
        <source>最近期限</source>
        <translation>Next deadline</translation>
    </message>
    <message>
        <source>案件类型</source>
        <translation>Case type</translation>
    </message>
    <message>
        <source>承办检察官</source>
        <translation>Prosecutor</translation>
    </message>
    <message>
        <source>承办部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>受理日期</source>
        <translation>Received on</translation>
    </message>
    <message>
        <source>办结日期</source>
        <translation>Closed on</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>罪名</source>
        <translation>Charges</translation>
    </message>
    <message>
        <source>严重</source>
        <extracomment>Grade colours: the register reads like a traffic light for a team lead.</extracomment>
        <translation>Critical</translation>
    </message>
    <message>
        <source>一般</source>
        <translation>Major</translation>
    </message>
    <message>
        <source>轻微</source>
        <translation>Minor</translation>
    </message>
    <message>
        <source>提示</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <source>最近截止日期 {0}</source>
        <translation>Next due date {0}</translation>
    </message>
    <message>
        <source>风险提示：</source>
        <translation>Risk flags: </translation>
    </message>
    <message>
        <source>{0} {1} 项</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <source>已答 {0} 项 / 适用 {1} 项</source>
        <translation>Answered {0} / applicable {1}</translation>
    </message>
</context>
<context>
    <name>checklist_model_qt</name>
    <message>
        <source>检查项</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>错误等级</source>
        <translation>Error level</translation>
    </message>
    <message>
        <source>答案</source>
        <translation>Answer</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>不适用（本案）</source>
        <translation>Not applicable (this case)</translation>
    </message>
    <message>
        <source>未答</source>
        <translation>Unanswered</translation>
    </message>
    <message>
        <source>⚠ 须填写说明</source>
        <translation>⚠ Reason required</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>不符合</source>
        <translation>Not met</translation>
    </message>
</context>
<context>
    <name>checklist_walk</name>
    <message>
        <source>（未经核实）</source>
        <extracomment>Keeps one answer (None: taken back); raises to refuse it, the message shown as for a failed save. The answer keys, in the order of the buttons.</extracomment>
        <translation>(not verified)</translation>
    </message>
</context>
<context>
    <name>date_field</name>
    <message>
        <source>应为 YYYY-MM-DD 格式，例如 2026-03-02</source>
        <translation>Must be YYYY-MM-DD, e.g. 2026-03-02</translation>
    </message>
    <message>
        <source>年份应在 {0}–{1} 之间</source>
        <translation>The year must be between {0} and {1}</translation>
    </message>
    <message>
        <source>没有 {0} 月（月份应为 01–12）</source>
        <translation>There is no month {0} (months are 01–12)</translation>
    </message>
    <message>
        <source>{0} 年 {1} 月没有 {2} 日（该月只有 {3} 天）</source>
        <translation>{1}/{0} has no day {2} (that month has {3} days)</translation>
    </message>
    <message>
        <source>{0}“{1}”不是有效日期：{2}</source>
        <translation>{0} &quot;{1}&quot; is not a valid date: {2}</translation>
    </message>
</context>
<context>
    <name>deadline_board</name>
    <message>
        <source>剩余天数</source>
        <translation>Days left</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>期限</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>截止日期</source>
        <translation>Due on</translation>
    </message>
    <message>
        <source>起算日期</source>
        <translation>Starts on</translation>
    </message>
    <message>
        <source>案号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>案件名称</source>
        <translation>Case title</translation>
    </message>
    <message>
        <source>承办检察官</source>
        <translation>Prosecutor</translation>
    </message>
    <message>
        <source>法律依据</source>
        <translation>Legal basis</translation>
    </message>
    <message>
        <source>超期 {0} 天</source>
        <extracomment>Background and text colours per status: red for overdue, amber for due soon, green for running.</extracomment>
        <translation>{0} days overdue</translation>
    </message>
    <message>
        <source>今天到期</source>
        <translation>Due today</translation>
    </message>
    <message>
        <source>剩 {0} 天</source>
        <translation>{0} days left</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>案件质量自查 版本 {0}</source>
        <extracomment>Dialogs without a parent window, held here while open so Python does not delete them the moment they appear.</extracomment>
        <translation>Case Quality Self-Check version {0}</translation>
    </message>
    <message>
        <source>日志文件：{0}</source>
        <translation>Log file: {0}</translation>
    </message>
    <message>
        <source>

数据库：{0}</source>
        <translation>

Database: {0}</translation>
    </message>
    <message>
        <source>数据库无法使用</source>
        <translation>The database cannot be used</translation>
    </message>
    <message>
        <source>操作未完成</source>
        <translation>The operation was not completed</translation>
    </message>
</context>
<context>
    <name>evidence_chain</name>
    <message>
        <source>编号</source>
        <extracomment>The five conditions of 第140条 for a conviction without direct evidence, in the article&apos;s order.</extracomment>
        <translation>No.</translation>
    </message>
    <message>
        <source>证据种类</source>
        <translation>Kind of evidence</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>收集日期</source>
        <translation>Collected on</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>情况</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>程序事件</source>
        <translation>Procedural events</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>未记录校验值</source>
        <translation>No hash value recorded</translation>
    </message>
</context>
<context>
    <name>export_dialogs</name>
    <message>
        <source>案件文件 (*.json *.xlsx);;JSON 案件文件 (*.json);;Excel 案件登记表 (*.xlsx)</source>
        <translation>Case files (*.json *.xlsx);;JSON case files (*.json);;Excel case registers (*.xlsx)</translation>
    </message>
    <message>
        <source>案件数据（JSON 文件，每案一个）</source>
        <translation>Case data (JSON files, one per case)</translation>
    </message>
    <message>
        <source>评查表（Excel）</source>
        <translation>Review sheets (Excel)</translation>
    </message>
    <message>
        <source>评查表（PDF）</source>
        <translation>Review sheets (PDF)</translation>
    </message>
    <message>
        <source>每案一个文件</source>
        <translation>One file per case</translation>
    </message>
    <message>
        <source>合并为一个文件（Excel 为汇总工作簿）</source>
        <translation>One combined file (a summary workbook for Excel)</translation>
    </message>
    <message>
        <source>打开所在文件夹</source>
        <translation>Open containing folder</translation>
    </message>
    <message>
        <source>
…另有 {0} 处</source>
        <translation>
…and {0} more</translation>
    </message>
    <message>
        <source>导入完成</source>
        <translation>Import finished</translation>
    </message>
    <message>
        <source>已导入 {0} 件案件。{1}</source>
        <translation>{0} cases imported. {1}</translation>
    </message>
    <message>
        <source>导入失败，未导入任何案件</source>
        <translation>Import failed; no case was imported</translation>
    </message>
    <message>
        <source>正在导入案件…</source>
        <translation>Importing cases…</translation>
    </message>
    <message>
        <source>导入已取消</source>
        <translation>Import cancelled</translation>
    </message>
    <message>
        <source>导入已取消，未导入任何案件。</source>
        <translation>Import cancelled; no case was imported.</translation>
    </message>
    <message>
        <source>导入案件</source>
        <translation>Import cases</translation>
    </message>
    <message>
        <source>导入案件文件</source>
        <translation>Import case files</translation>
    </message>
    <message>
        <source>导出完成</source>
        <translation>Export finished</translation>
    </message>
    <message>
        <source>已导出 {0} 个文件：
{1}</source>
        <translation>{0} files exported:
{1}</translation>
    </message>
    <message>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>导出已取消</source>
        <translation>Export cancelled</translation>
    </message>
    <message>
        <source>导出已取消。</source>
        <translation>Export cancelled.</translation>
    </message>
    <message>
        <source>导出</source>
        <translation>Export</translation>
    </message>
</context>
<context>
    <name>filter_bar</name>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
</context>
<context>
    <name>flags_panel</name>
    <message>
        <source>（未经核实）</source>
        <extracomment>(strong colour for the marker and tag, light tint for the card) per severity.</extracomment>
        <translation>(not verified)</translation>
    </message>
    <message>
        <source>期限中止</source>
        <translation>Period suspended</translation>
    </message>
    <message>
        <source>已于 {0} 完成</source>
        <translation>Completed on {0}</translation>
    </message>
    <message>
        <source>已超期 {0} 天</source>
        <translation>{0} days overdue</translation>
    </message>
    <message>
        <source>今天届满</source>
        <translation>Due today</translation>
    </message>
    <message>
        <source>剩余 {0} 天</source>
        <translation>{0} days left</translation>
    </message>
    <message>
        <source>证据 </source>
        <translation>Evidence </translation>
    </message>
    <message>
        <source>程序事件 </source>
        <translation>Procedural events </translation>
    </message>
    <message>
        <source>涉及：{0}（点击在“证据链”中查看）</source>
        <translation>Concerns: {0} (click to see it in &quot;Evidence chain&quot;)</translation>
    </message>
</context>
<context>
    <name>inspection_compare</name>
    <message>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>检查项</source>
        <translation>Item</translation>
    </message>
</context>
<context>
    <name>kaohe_view</name>
    <message>
        <source>全部等次</source>
        <translation>All grades</translation>
    </message>
    <message>
        <source>瑕疵/基本合格</source>
        <translation>Flawed / basically qualified</translation>
    </message>
    <message>
        <source>不合格</source>
        <translation>Unqualified</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <source>（未填）</source>
        <extracomment>The Evidence/Event a table row was loaded from, so keys the table has no column for survive an edit.</extracomment>
        <translation>(not filled in)</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>编号</source>
        <extracomment>For a choice column: a person may also type a value that is not in the list. Stored under the evidence&apos;s `attributes` rather than as a field of its own.</extracomment>
        <translation>No.</translation>
    </message>
    <message>
        <source>种类</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>收集日期</source>
        <translation>Collected on</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>完整性校验值</source>
        <translation>Integrity hash</translation>
    </message>
    <message>
        <source>复核校验值</source>
        <translation>Rechecked hash</translation>
    </message>
    <message>
        <source>同步录音录像</source>
        <translation>Audio and video recorded</translation>
    </message>
    <message>
        <source>供述/辩解</source>
        <translation>Confession / defence</translation>
    </message>
    <message>
        <source>供述</source>
        <translation>Confession</translation>
    </message>
    <message>
        <source>辩解</source>
        <translation>Defence</translation>
    </message>
    <message>
        <source>讯问地点</source>
        <translation>Place of interrogation</translation>
    </message>
    <message>
        <source>看守所</source>
        <translation>Detention centre</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>过程录像</source>
        <translation>Process video recorded</translation>
    </message>
    <message>
        <source>见证人在场</source>
        <translation>Witness present</translation>
    </message>
    <message>
        <source>见证人身份</source>
        <translation>Witness&apos;s status</translation>
    </message>
    <message>
        <source>普通公民</source>
        <translation>Ordinary citizen</translation>
    </message>
    <message>
        <source>民警</source>
        <translation>Police officer</translation>
    </message>
    <message>
        <source>辅警</source>
        <translation>Auxiliary police</translation>
    </message>
    <message>
        <source>利害关系人</source>
        <translation>Interested party</translation>
    </message>
    <message>
        <source>签名/盖章</source>
        <translation>Signed / sealed</translation>
    </message>
    <message>
        <source>经司法协助取得</source>
        <translation>Obtained through judicial assistance</translation>
    </message>
    <message>
        <source>准许用于案号</source>
        <translation>Use permitted for case number</translation>
    </message>
    <message>
        <source>同意另作他用</source>
        <translation>Consent to other use</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>批准/同意</source>
        <translation>Approved / agreed</translation>
    </message>
    <message>
        <source>不批准/不同意</source>
        <translation>Not approved / not agreed</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>审查逮捕</source>
        <translation>Arrest review</translation>
    </message>
    <message>
        <source>审查起诉</source>
        <translation>Prosecution review</translation>
    </message>
    <message>
        <source>民事生效裁判监督</source>
        <translation>Supervision of effective civil judgments</translation>
    </message>
    <message>
        <source>终本执行监督</source>
        <translation>Supervision of terminated enforcement</translation>
    </message>
    <message>
        <source>行政诉讼监督</source>
        <translation>Administrative litigation supervision</translation>
    </message>
    <message>
        <source>行刑反向衔接</source>
        <translation>Reverse referral from criminal to administrative</translation>
    </message>
    <message>
        <source>民事公益诉讼</source>
        <translation>Civil public interest litigation</translation>
    </message>
    <message>
        <source>行政公益诉讼</source>
        <translation>Administrative public interest litigation</translation>
    </message>
    <message>
        <source>国际刑事司法协助</source>
        <translation>International criminal judicial assistance</translation>
    </message>
    <message>
        <source>办理中</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>已办结</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>已归档</source>
        <translation>Archived</translation>
    </message>
    <message>
        <source>符合</source>
        <translation>Met</translation>
    </message>
    <message>
        <source>不符合</source>
        <translation>Not met</translation>
    </message>
    <message>
        <source>不适用</source>
        <translation>Not applicable</translation>
    </message>
    <message>
        <source>待核实</source>
        <translation>To verify</translation>
    </message>
    <message>
        <source>物证</source>
        <translation>Physical evidence</translation>
    </message>
    <message>
        <source>书证</source>
        <translation>Documentary evidence</translation>
    </message>
    <message>
        <source>证人证言</source>
        <translation>Witness testimony</translation>
    </message>
    <message>
        <source>被害人陈述</source>
        <translation>Victim&apos;s statement</translation>
    </message>
    <message>
        <source>犯罪嫌疑人、被告人供述和辩解</source>
        <translation>Suspect&apos;s or defendant&apos;s confession and defence</translation>
    </message>
    <message>
        <source>鉴定意见</source>
        <translation>Expert opinion</translation>
    </message>
    <message>
        <source>勘验、检查、辨认、侦查实验等笔录</source>
        <translation>Records of inquest, examination, identification and investigative experiments</translation>
    </message>
    <message>
        <source>视听资料</source>
        <translation>Audio-visual material</translation>
    </message>
    <message>
        <source>电子数据</source>
        <translation>Electronic data</translation>
    </message>
    <message>
        <source>送交看守所羁押</source>
        <translation>Committed to the detention centre</translation>
    </message>
    <message>
        <source>作出批准/不批准逮捕决定</source>
        <translation>Arrest approved / not approved</translation>
    </message>
    <message>
        <source>移送审查起诉</source>
        <translation>Transferred for prosecution review</translation>
    </message>
    <message>
        <source>退回补充侦查</source>
        <translation>Returned for supplementary investigation</translation>
    </message>
    <message>
        <source>补充侦查完毕重新移送</source>
        <translation>Resubmitted after supplementary investigation</translation>
    </message>
    <message>
        <source>审查起诉期限延长</source>
        <translation>Prosecution review period extended</translation>
    </message>
    <message>
        <source>作出起诉/不起诉决定</source>
        <translation>Decision to prosecute / not to prosecute</translation>
    </message>
    <message>
        <source>作出不起诉决定</source>
        <translation>Decision not to prosecute</translation>
    </message>
    <message>
        <source>检察意见移送主管机关</source>
        <translation>Procuratorial opinion referred to the competent authority</translation>
    </message>
    <message>
        <source>执行立案</source>
        <translation>Enforcement case filed</translation>
    </message>
    <message>
        <source>财产查控措施</source>
        <translation>Property search and control measures</translation>
    </message>
    <message>
        <source>约谈申请执行人</source>
        <translation>Interview with the applicant for enforcement</translation>
    </message>
    <message>
        <source>终结本次执行程序裁定</source>
        <translation>Ruling terminating this round of enforcement</translation>
    </message>
    <message>
        <source>终本后财产查询</source>
        <translation>Property search after termination</translation>
    </message>
    <message>
        <source>对外提出刑事司法协助请求</source>
        <translation>Request for criminal judicial assistance abroad</translation>
    </message>
    <message>
        <source>对监察机关移送的留置案件犯罪嫌疑人先行拘留</source>
        <translation>Preliminary detention of a suspect transferred by a supervisory commission</translation>
    </message>
    <message>
        <source>先行拘留后作出强制措施决定的时间延长</source>
        <translation>Extension of the time for a coercive-measure decision after preliminary detention</translation>
    </message>
    <message>
        <source>作出逮捕、取保候审或者监视居住的决定</source>
        <translation>Decision on arrest, bail or residential surveillance</translation>
    </message>
    <message>
        <source>精神病鉴定开始</source>
        <translation>Psychiatric evaluation started</translation>
    </message>
    <message>
        <source>精神病鉴定结束</source>
        <translation>Psychiatric evaluation ended</translation>
    </message>
    <message>
        <source>羁押必要性审查后建议释放或者变更强制措施</source>
        <translation>Release or change of coercive measure suggested after custody necessity review</translation>
    </message>
    <message>
        <source>有关机关通知羁押必要性审查建议处理情况</source>
        <translation>Authority&apos;s notice on the handling of the custody necessity suggestion</translation>
    </message>
    <message>
        <source>作出提出或者不予提出检察建议、抗诉的决定</source>
        <translation>Decision whether to issue a procuratorial suggestion or protest</translation>
    </message>
    <message>
        <source>诉前检察建议书送达行政机关</source>
        <translation>Pre-litigation procuratorial suggestion served on the administrative authority</translation>
    </message>
    <message>
        <source>行政机关书面回复检察建议</source>
        <translation>Administrative authority&apos;s written reply to the procuratorial suggestion</translation>
    </message>
    <message>
        <source>民事公益诉讼诉前公告</source>
        <translation>Pre-litigation notice in civil public interest litigation</translation>
    </message>
    <message>
        <source>提起公益诉讼</source>
        <translation>Public interest lawsuit filed</translation>
    </message>
    <message>
        <source>申请执行人提供财产线索</source>
        <translation>Applicant for enforcement provided property clues</translation>
    </message>
    <message>
        <source>人民法院调查核实财产线索</source>
        <translation>Court investigated the property clues</translation>
    </message>
    <message>
        <source>告知犯罪嫌疑人有权委托辩护人</source>
        <translation>Suspect told of the right to appoint a defender</translation>
    </message>
    <message>
        <source>告知被害人及其法定代理人或者近亲属有权委托诉讼代理人</source>
        <translation>Victim and legal representatives or close relatives told of the right to appoint an agent</translation>
    </message>
    <message>
        <source>执行款到账</source>
        <translation>Enforcement money received</translation>
    </message>
    <message>
        <source>执行款发放</source>
        <translation>Enforcement money paid out</translation>
    </message>
    <message>
        <source>移送行政检察部门（行刑反向衔接）</source>
        <translation>Transferred to the administrative procuratorate (reverse referral)</translation>
    </message>
    <message>
        <source>行政检察部门审查终结（行刑反向衔接）</source>
        <translation>Administrative procuratorate&apos;s review concluded (reverse referral)</translation>
    </message>
    <message>
        <source>自查</source>
        <translation>Self-inspection</translation>
    </message>
    <message>
        <source>部门核查</source>
        <translation>Department check</translation>
    </message>
    <message>
        <source>评查</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>待整改</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>已整改</source>
        <translation>Rectified</translation>
    </message>
    <message>
        <source>不予整改</source>
        <translation>Declined</translation>
    </message>
    <message>
        <source>严重</source>
        <translation>Critical</translation>
    </message>
    <message>
        <source>一般</source>
        <translation>Major</translation>
    </message>
    <message>
        <source>轻微</source>
        <translation>Minor</translation>
    </message>
    <message>
        <source>提示</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>按期完成</source>
        <translation>Met in time</translation>
    </message>
    <message>
        <source>进行中</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>即将到期</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <source>已超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>已中止</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <source>未开始</source>
        <translation>Not started</translation>
    </message>
    <message>
        <source>未完成</source>
        <translation>Unfinished</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>Finished</translation>
    </message>
    <message>
        <source>有严重提示</source>
        <translation>With critical flags</translation>
    </message>
    <message>
        <source>有一般及以上提示</source>
        <translation>With major or critical flags</translation>
    </message>
    <message>
        <source>有风险提示</source>
        <translation>With risk flags</translation>
    </message>
    <message>
        <source>无风险提示</source>
        <translation>Without risk flags</translation>
    </message>
    <message>
        <source>无进行中期限</source>
        <translation>Without open periods</translation>
    </message>
    <message>
        <source>公安机关</source>
        <translation>Public security organ</translation>
    </message>
    <message>
        <source>检察院自侦</source>
        <translation>Procuratorate&apos;s own investigation</translation>
    </message>
    <message>
        <source>监察委员会</source>
        <translation>Supervisory commission</translation>
    </message>
    <message>
        <source>国家安全机关</source>
        <translation>State security organ</translation>
    </message>
    <message>
        <source>死刑</source>
        <translation>Death penalty</translation>
    </message>
    <message>
        <source>无期徒刑</source>
        <translation>Life imprisonment</translation>
    </message>
    <message>
        <source>十年以上有期徒刑</source>
        <translation>Fixed-term imprisonment of ten years or more</translation>
    </message>
    <message>
        <source>超过三年、不满十年有期徒刑</source>
        <translation>Fixed-term imprisonment of more than three and less than ten years</translation>
    </message>
    <message>
        <source>超过一年、三年以下有期徒刑</source>
        <translation>Fixed-term imprisonment of more than one year and up to three years</translation>
    </message>
    <message>
        <source>一年以下有期徒刑、拘役、管制或单处附加刑</source>
        <translation>Imprisonment of up to one year, criminal detention, public surveillance or a supplementary penalty alone</translation>
    </message>
    <message>
        <source>检察官</source>
        <translation>Prosecutor</translation>
    </message>
    <message>
        <source>部门负责人</source>
        <translation>Department head</translation>
    </message>
    <message>
        <source>案管评查员</source>
        <translation>Case-management reviewer</translation>
    </message>
    <message>
        <source>培训员</source>
        <translation>Trainer</translation>
    </message>
    <message>
        <source>管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>一致</source>
        <translation>Agreed</translation>
    </message>
    <message>
        <source>遗漏问题</source>
        <translation>Missed problem</translation>
    </message>
    <message>
        <source>误报问题</source>
        <translation>False alarm</translation>
    </message>
    <message>
        <source>判断不同</source>
        <translation>Different judgement</translation>
    </message>
    <message>
        <source>、</source>
        <extracomment>Every dictionary of labels a person reads in the UI; their values are the catalogue. How the items of a list are put in a sentence: 甲、乙 and 甲；乙 in Chinese, &quot;a, b&quot; and &quot;a; b&quot; in English.</extracomment>
        <translation>, </translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <source>未答</source>
        <extracomment>Labels core writes outside a dictionary: a practice item left unanswered (`ItemOutcome.answer_label`).</extracomment>
        <translation>Unanswered</translation>
    </message>
</context>
<context>
    <name>law_text</name>
    <message>
        <source>所引文件未收入程序自带的法条原文库，请查阅正式文本。</source>
        <extracomment>Shown in place of the text when no cited article is in the library.</extracomment>
        <translation>The cited document is not in the program&apos;s library of statute texts; please consult the official text.</translation>
    </message>
</context>
<context>
    <name>layout</name>
    <message>
        <source>案件质量自查</source>
        <translation>Case Quality Self-Check</translation>
    </message>
</context>
<context>
    <name>login_dialog</name>
    <message>
        <source>单用户模式：{0}</source>
        <translation>Single-user mode: {0}</translation>
    </message>
    <message>
        <source>当前用户：{0}（{1}）</source>
        <translation>Signed in: {0} ({1})</translation>
    </message>
    <message>
        <source>创建管理员账户(&amp;A)…</source>
        <translation>Create &amp;administrator account…</translation>
    </message>
    <message>
        <source>修改密码(&amp;W)…</source>
        <translation>Change pass&amp;word…</translation>
    </message>
    <message>
        <source>已创建管理员账户：此后启动需要登录</source>
        <translation>Administrator account created: signing in is required from the next start</translation>
    </message>
    <message>
        <source>密码已修改</source>
        <translation>Password changed</translation>
    </message>
</context>
<context>
    <name>main_window</name>
    <message>
        <source>案件登记</source>
        <translation>Case register</translation>
    </message>
    <message>
        <source>登记簿中还没有案件。
按 Ctrl+N 新建案件，或按 Ctrl+I 导入案件文件（JSON 或 Excel 登记表）。</source>
        <translation>The register has no cases yet.
Press Ctrl+N for a new case, or Ctrl+I to import case files (JSON or an Excel register).</translation>
    </message>
    <message>
        <source>没有符合筛选条件的案件。可点“清除筛选”查看全部案件。</source>
        <translation>No case matches the filters. Click &quot;Clear filters&quot; to see all cases.</translation>
    </message>
</context>
<context>
    <name>rectification_overview</name>
    <message>
        <source>案号</source>
        <extracomment>As in the case&apos;s tab: the problem in words, its id only as a grey detail at the end.</extracomment>
        <translation>Case number</translation>
    </message>
    <message>
        <source>案件名称</source>
        <translation>Case title</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>分类</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>依据</source>
        <translation>Basis</translation>
    </message>
    <message>
        <source>责任人</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>整改期限</source>
        <translation>Due by</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>不予整改理由</source>
        <translation>Reason for declining</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
</context>
<context>
    <name>rectification_panel</name>
    <message>
        <source>问题</source>
        <extracomment>The problem in words comes first; its id (a rule id or checklist item id) is only a grey detail at the end.</extracomment>
        <translation>Problem</translation>
    </message>
    <message>
        <source>分类</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>依据</source>
        <translation>Basis</translation>
    </message>
    <message>
        <source>责任人</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>整改期限</source>
        <translation>Due by</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>不予整改理由</source>
        <translation>Reason for declining</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>双击或按 F2 修改责任人、整改期限、状态、理由和备注，改完即保存。不予整改须先写明理由。</source>
        <extracomment>The row field each editable column changes.</extracomment>
        <translation>Double-click or press F2 to change owner, due date, status, reason and note; changes are saved at once. Declining needs a reason first.</translation>
    </message>
    <message>
        <source>案件已归档，整改清单只能查看。</source>
        <translation>The case is archived; its rectification list is read only.</translation>
    </message>
    <message>
        <source>本案暂无需要整改的问题</source>
        <extracomment>Answers come in quick succession during a walk; the list is re-derived once they pause.</extracomment>
        <translation>This case has no problems to rectify</translation>
    </message>
    <message>
        <source>{0} {1} 项</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <source>（其中已逾期 {0} 项）</source>
        <translation>({0} of them overdue)</translation>
    </message>
</context>
<context>
    <name>shortcuts_dialog</name>
    <message>
        <source>登记簿</source>
        <extracomment>(where, keys, what they do), in the order a case is worked through.</extracomment>
        <translation>Register</translation>
    </message>
    <message>
        <source>到搜索框</source>
        <translation>Go to the search box</translation>
    </message>
    <message>
        <source>Enter 或 ↓（在搜索框中）</source>
        <translation>Enter or ↓ (in the search box)</translation>
    </message>
    <message>
        <source>立即搜索并转到结果第一行</source>
        <translation>Search now and go to the first result</translation>
    </message>
    <message>
        <source>选择案件</source>
        <translation>Choose a case</translation>
    </message>
    <message>
        <source>打开当前案件</source>
        <translation>Open the current case</translation>
    </message>
    <message>
        <source>新建案件</source>
        <translation>New case</translation>
    </message>
    <message>
        <source>F2 或 Ctrl+Enter</source>
        <translation>F2 or Ctrl+Enter</translation>
    </message>
    <message>
        <source>编辑当前案件</source>
        <translation>Edit the current case</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>检查表</source>
        <translation>Checklist</translation>
    </message>
    <message>
        <source>符合 / 不符合 / 不适用 / 待核实（保存后转到下一项）</source>
        <translation>Met / not met / not applicable / to verify (saved, then on to the next item)</translation>
    </message>
    <message>
        <source>填写备注，Enter 保存，Esc 放弃</source>
        <translation>Write a note, Enter saves, Esc discards</translation>
    </message>
    <message>
        <source>上一项 / 下一项</source>
        <translation>Previous / next item</translation>
    </message>
    <message>
        <source>撤销上一次作答</source>
        <translation>Undo the last answer</translation>
    </message>
    <message>
        <source>Ctrl+Y 或 Ctrl+Shift+Z</source>
        <translation>Ctrl+Y or Ctrl+Shift+Z</translation>
    </message>
    <message>
        <source>重做刚撤销的作答</source>
        <translation>Redo the answer just undone</translation>
    </message>
    <message>
        <source>案件</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>打开登记簿中的下一件 / 上一件案件</source>
        <translation>Open the next / previous case in the register</translation>
    </message>
    <message>
        <source>关闭当前案件，回到登记簿</source>
        <translation>Close the current case and return to the register</translation>
    </message>
    <message>
        <source>窗口</source>
        <translation>Window</translation>
    </message>
    <message>
        <source>显示或隐藏期限看板</source>
        <translation>Show or hide the deadline board</translation>
    </message>
    <message>
        <source>整改清单汇总</source>
        <translation>Rectification overview</translation>
    </message>
    <message>
        <source>导入 / 导出</source>
        <translation>Import / export</translation>
    </message>
    <message>
        <source>本快捷键表</source>
        <translation>This shortcut list</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Exit</translation>
    </message>
</context>
<context>
    <name>tools_menu</name>
    <message>
        <source>节假日历文件 (*.yaml *.yml)</source>
        <translation>Holiday calendar files (*.yaml *.yml)</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <source>重新计算已取消，部分案件的期限和风险提示仍是原来的结果。可随时使用“工具 → 重新计算全部案件”补算。</source>
        <translation>Recomputing was cancelled; some cases still show their previous periods and risk flags. Use &quot;Tools → Recompute all cases&quot; at any time to finish.</translation>
    </message>
    <message>
        <source>未收录任何年份</source>
        <translation>No years included</translation>
    </message>
    <message>
        <source>收录 {0} 年</source>
        <translation>Covers {0}</translation>
    </message>
    <message>
        <source>收录 {0}–{1} 年</source>
        <translation>Covers {0}–{1}</translation>
    </message>
</context>
<context>
    <name>training</name>
    <message>
        <source>诽谤信息</source>
        <extracomment>Labels of the documented `facts` keys and of those the shipped samples use; other keys are shown as they are.</extracomment>
        <translation>Defamatory posts</translation>
    </message>
    <message>
        <source>实际被点击、浏览次数</source>
        <translation>Actual clicks and views</translation>
    </message>
    <message>
        <source>被转发次数</source>
        <translation>Times forwarded</translation>
    </message>
    <message>
        <source>二年内曾因诽谤受过行政处罚</source>
        <translation>Administrative penalty for defamation within two years</translation>
    </message>
    <message>
        <source>有其他情节严重的情形</source>
        <translation>Other serious circumstances</translation>
    </message>
    <message>
        <source>严重危害社会秩序和国家利益</source>
        <translation>Seriously endangers public order and state interests</translation>
    </message>
    <message>
        <source>被不起诉人需要给予行政处罚</source>
        <translation>Non-prosecuted person needs an administrative penalty</translation>
    </message>
    <message>
        <source>查封、扣押、冻结尚未解除</source>
        <translation>Seizure, detention or freezing not yet lifted</translation>
    </message>
    <message>
        <source>惩罚性赔偿的法律依据</source>
        <translation>Legal basis of punitive damages</translation>
    </message>
    <message>
        <source>价款（元）</source>
        <translation>Price paid (yuan)</translation>
    </message>
    <message>
        <source>损失（元）</source>
        <translation>Loss (yuan)</translation>
    </message>
    <message>
        <source>主张的惩罚性赔偿金额（元）</source>
        <translation>Punitive damages claimed (yuan)</translation>
    </message>
    <message>
        <source>发布日期</source>
        <translation>Posted on</translation>
    </message>
    <message>
        <source>浏览次数</source>
        <translation>Views</translation>
    </message>
    <message>
        <source>转发次数</source>
        <translation>Forwards</translation>
    </message>
    <message>
        <source>已经处理</source>
        <translation>Already handled</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>原裁判文书号</source>
        <translation>Original judgment number</translation>
    </message>
    <message>
        <source>行政机关</source>
        <translation>Administrative agency</translation>
    </message>
    <message>
        <source>审查结果</source>
        <translation>Review outcome</translation>
    </message>
    <message>
        <source>主管机关</source>
        <translation>Competent authority</translation>
    </message>
    <message>
        <source>建议的行政处罚</source>
        <translation>Proposed administrative penalty</translation>
    </message>
    <message>
        <source>查封、扣押的财物</source>
        <translation>Property seized or detained</translation>
    </message>
    <message>
        <source>执行法院</source>
        <translation>Enforcing court</translation>
    </message>
    <message>
        <source>执行案号</source>
        <translation>Enforcement case number</translation>
    </message>
    <message>
        <source>未执行到位金额（元）</source>
        <translation>Amount not yet enforced (yuan)</translation>
    </message>
    <message>
        <source>案由</source>
        <translation>Cause of action</translation>
    </message>
    <message>
        <source>被请求国</source>
        <translation>Requested state</translation>
    </message>
    <message>
        <source>检察建议发出日期</source>
        <translation>Procuratorial suggestion issued on</translation>
    </message>
    <message>
        <source>收到回复日期</source>
        <translation>Reply received on</translation>
    </message>
    <message>
        <source>被告</source>
        <translation>Defendant</translation>
    </message>
    <message>
        <source>社会危险性情形</source>
        <translation>Social danger indicators</translation>
    </message>
    <message>
        <source>量刑情况</source>
        <translation>Sentencing</translation>
    </message>
    <message>
        <source>量刑建议</source>
        <translation>Sentencing recommendation</translation>
    </message>
    <message>
        <source>判处刑罚</source>
        <translation>Sentence imposed</translation>
    </message>
    <message>
        <source>涉案金额（元）</source>
        <translation>Amount involved (yuan)</translation>
    </message>
    <message>
        <source>量刑情节</source>
        <translation>Sentencing circumstances</translation>
    </message>
    <message>
        <source>是</source>
        <extracomment>Facts whose value is a sentence (docs/case-format-extensions.md), shown as the risk panel words it.</extracomment>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>（已导入）</source>
        <translation> (imported)</translation>
    </message>
    <message>
        <source>{0}：{1}{2}</source>
        <translation>{0}: {1}{2}</translation>
    </message>
    <message>
        <source>尚未查明</source>
        <translation>Not yet established</translation>
    </message>
    <message>
        <source>共 {0} 条</source>
        <translation>{0} entries</translation>
    </message>
    <message>
        <source>第 {0} 条</source>
        <translation>Entry {0}</translation>
    </message>
    <message>
        <source>【{0}】</source>
        <translation>[{0}] </translation>
    </message>
    <message>
        <source>答案要点：{0}&#x3000;你的作答：{1}</source>
        <translation>Answer key: {0}   Your answer: {1}</translation>
    </message>
    <message>
        <source>说明：{0}</source>
        <translation>Explanation: {0}</translation>
    </message>
    <message>
        <source>依据：{0}</source>
        <translation>Basis: {0}</translation>
    </message>
</context>
<context>
    <name>workers</name>
    <message>
        <source>请稍候</source>
        <translation>Please wait</translation>
    </message>
</context>
</TS>
