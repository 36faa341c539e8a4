<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <location filename="../../briefing/ui/commands.py" line="30"/>
        <source>Change {0}</source>
        <translation>更改{0}</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/commands.py" line="30"/>
        <source>Change fields</source>
        <translation>更改字段</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/commands.py" line="30"/>
        <source>Edit finding</source>
        <translation>编辑结论</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/commands.py" line="30"/>
        <source>Reset finding</source>
        <translation>恢复结论</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/commands.py" line="30"/>
        <source>Tick theme</source>
        <translation>勾选主题</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/commands.py" line="31"/>
        <source>Untick theme</source>
        <translation>取消勾选主题</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/commands.py" line="31"/>
        <source>Reorder themes</source>
        <translation>调整主题顺序</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/commands.py" line="31"/>
        <source>Change custom themes</source>
        <translation>更改自定义主题</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/commands.py" line="32"/>
        <source>Change the themes of a table</source>
        <translation>更改表格的主题</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/commands.py" line="32"/>
        <source>Change the role of a row</source>
        <translation>更改行的角色</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/commands.py" line="32"/>
        <source>Change template</source>
        <translation>更改模板</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/commands.py" line="33"/>
        <source>Change</source>
        <translation>更改</translation>
    </message>
</context>
<context>
    <name>BriefingPanel</name>
    <message>
        <location filename="../../briefing/ui/briefing_panel.py" line="24"/>
        <source>Named from the data</source>
        <translation>根据数据命名</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/briefing_panel.py" line="26"/>
        <source>Optional line under the title</source>
        <translation>标题下方的可选说明</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/briefing_panel.py" line="28"/>
        <source>Who wrote it</source>
        <translation>作者</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/briefing_panel.py" line="30"/>
        <source>Team or company</source>
        <translation>团队或公司</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/briefing_panel.py" line="37"/>
        <source>Fixed</source>
        <translation>固定</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/briefing_panel.py" line="38"/>
        <source>Unticked: the PDF is dated the day it is built</source>
        <translation>不勾选：PDF 使用生成当天的日期</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/briefing_panel.py" line="48"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/briefing_panel.py" line="53"/>
        <source>The language the briefing is written in</source>
        <translation>简报的撰写语言</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/briefing_panel.py" line="59"/>
        <source>Layout and styles of the PDF (templates/*.toml and your own)</source>
        <translation>PDF 的版式与样式（templates/*.toml 及您自己的模板）</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/briefing_panel.py" line="63"/>
        <source>&amp;Title:</source>
        <translation>标题(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/briefing_panel.py" line="64"/>
        <source>&amp;Subtitle:</source>
        <translation>副标题(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/briefing_panel.py" line="65"/>
        <source>&amp;Author:</source>
        <translation>作者(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/briefing_panel.py" line="66"/>
        <source>&amp;Organisation:</source>
        <translation>机构(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/briefing_panel.py" line="68"/>
        <source>&amp;Date:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/briefing_panel.py" line="71"/>
        <source>&amp;Classification:</source>
        <translation>密级(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/briefing_panel.py" line="72"/>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/briefing_panel.py" line="73"/>
        <source>Te&amp;mplate:</source>
        <translation>模板(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/briefing_panel.py" line="75"/>
        <source>&amp;Export PDF…</source>
        <translation>导出 PDF(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/briefing_panel.py" line="76"/>
        <source>Write the briefing as a PDF file (Ctrl+E)</source>
        <translation>将简报写成 PDF 文件 (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/briefing_panel.py" line="84"/>
        <source>&lt;b&gt;Briefing&lt;/b&gt;</source>
        <translation>&lt;b&gt;简报&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <location filename="../../briefing/ui/findings_panel.py" line="31"/>
        <source>Finding</source>
        <translation>结论</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/findings_panel.py" line="31"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/findings_panel.py" line="42"/>
        <source>Select a finding to edit its sentence.</source>
        <translation>选择一条结论以编辑其文字。</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/findings_panel.py" line="43"/>
        <source>Your wording replaces the generated sentence in the briefing</source>
        <translation>您的文字将替换简报中自动生成的句子</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/findings_panel.py" line="49"/>
        <source>&amp;Reset to generated</source>
        <translation>恢复为自动生成(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/findings_panel.py" line="50"/>
        <source>Drop your wording and use the sentence written from the data</source>
        <translation>放弃您的文字，使用根据数据写出的句子</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/findings_panel.py" line="52"/>
        <source>&amp;Keep my wording</source>
        <translation>保留我的文字(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/findings_panel.py" line="53"/>
        <source>The data behind this finding changed: keep your sentence anyway</source>
        <translation>这条结论背后的数据已变化：仍保留您的句子</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/findings_panel.py" line="56"/>
        <source>&lt;b&gt;Findings&lt;/b&gt;</source>
        <translation>&lt;b&gt;结论&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/findings_panel.py" line="57"/>
        <source>Every sentence is written from the data; edit any of them. Edited ones are marked ✎.</source>
        <translation>每个句子都根据数据写出，均可编辑。已编辑的以 ✎ 标记。</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/findings_panel.py" line="186"/>
        <source>Needs review: no longer in the data</source>
        <translation>需复核：数据中已不存在</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/findings_panel.py" line="202"/>
        <source>✎ edited</source>
        <translation>✎ 已编辑</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/findings_panel.py" line="202"/>
        <source>⚠ data changed</source>
        <translation>⚠ 数据已变化</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/findings_panel.py" line="203"/>
        <source>⚠ not generated any more</source>
        <translation>⚠ 不再生成</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/findings_panel.py" line="204"/>
        <source>The sentence generated from the new data differs from the one you edited</source>
        <translation>根据新数据生成的句子与您编辑时的不同</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/findings_panel.py" line="205"/>
        <source>The new data no longer gives this finding; your sentence is not printed</source>
        <translation>新数据不再产生这条结论；您的句子不会打印</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/findings_panel.py" line="220"/>
        <source>&lt;b&gt;Findings&lt;/b&gt; — {0} sentences, {1} edited</source>
        <translation>&lt;b&gt;结论&lt;/b&gt; — {0} 句，已编辑 {1} 句</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/findings_panel.py" line="222"/>
        <source>, &lt;b&gt;{0} to review&lt;/b&gt;</source>
        <translation>，&lt;b&gt;{0} 句待复核&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/findings_panel.py" line="243"/>
        <source>Not generated from the current data: your sentence is kept in the project but not printed.</source>
        <translation>当前数据未生成此结论：您的句子保存在项目中，但不会打印。</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/findings_panel.py" line="246"/>
        <source>Generated: {0}</source>
        <translation>自动生成：{0}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../briefing/ui/layout.py" line="21"/>
        <source>Themes</source>
        <translation>主题</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/layout.py" line="22"/>
        <source>Cover</source>
        <translation>封面</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/layout.py" line="23"/>
        <source>Findings</source>
        <translation>结论</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/layout.py" line="24"/>
        <source>Tick and order the sections of the briefing</source>
        <translation>勾选并排列简报的章节</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/layout.py" line="25"/>
        <source>Title, author, date, classification, language, template</source>
        <translation>标题、作者、日期、密级、语言、模板</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/layout.py" line="26"/>
        <source>Read and edit every sentence written from the data</source>
        <translation>阅读并编辑根据数据写出的每个句子</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/actions.py" line="35"/>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/actions.py" line="36"/>
        <source>Start a new briefing</source>
        <translation>开始新的简报</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/actions.py" line="37"/>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/actions.py" line="38"/>
        <source>Open a saved briefing project (.briefing)</source>
        <translation>打开已保存的简报项目 (.briefing)</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/actions.py" line="40"/>
        <source>Open Sa&amp;mple Project</source>
        <translation>打开示例项目(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/actions.py" line="41"/>
        <source>Open the sample project over the sample survey workbook</source>
        <translation>打开基于示例调查工作簿的示例项目</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/actions.py" line="42"/>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/actions.py" line="44"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/actions.py" line="45"/>
        <source>Save the briefing project</source>
        <translation>保存简报项目</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/actions.py" line="46"/>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/actions.py" line="47"/>
        <source>Save the project under another name</source>
        <translation>以其他名称保存项目</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/actions.py" line="49"/>
        <source>&amp;Import Workbooks…</source>
        <translation>导入工作簿(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/actions.py" line="47" />
        <source>Add workbooks ({0}) to the briefing</source>
        <translation>向简报添加工作簿 ({0})</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/actions.py" line="53"/>
        <source>Re&amp;place Data…</source>
        <translation>替换数据(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/actions.py" line="54"/>
        <source>Re-run this briefing on new workbooks (next quarter&apos;s survey)</source>
        <translation>用新的工作簿（下一季度的调查）重新生成此简报</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/actions.py" line="55"/>
        <source>&amp;Remove File</source>
        <translation>移除文件(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/actions.py" line="56"/>
        <source>Remove the selected file from the briefing&apos;s sources</source>
        <translation>从简报的数据源中移除所选文件</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/actions.py" line="59"/>
        <source>&amp;Themes of This Table…</source>
        <translation>此表格的主题(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/actions.py" line="60"/>
        <source>Choose the themes of the selected table yourself</source>
        <translation>自行选择所选表格的主题</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/actions.py" line="63"/>
        <source>&amp;Export PDF…</source>
        <translation>导出 PDF(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/actions.py" line="64"/>
        <source>Write the briefing as a PDF file</source>
        <translation>将简报写成 PDF 文件</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/actions.py" line="66"/>
        <source>Open in &amp;Viewer</source>
        <translation>在查看器中打开(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/actions.py" line="67"/>
        <source>Open the PDF in the system&apos;s PDF viewer</source>
        <translation>用系统的 PDF 查看器打开</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/actions.py" line="69"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/actions.py" line="73"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/actions.py" line="74"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/actions.py" line="78"/>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/actions.py" line="79"/>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/actions.py" line="80"/>
        <source>Fit &amp;Width</source>
        <translation>适合宽度(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/actions.py" line="81"/>
        <source>&amp;Next Page</source>
        <translation>下一页(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/actions.py" line="82"/>
        <source>&amp;Previous Page</source>
        <translation>上一页(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/actions.py" line="83"/>
        <source>&amp;Refresh Preview</source>
        <translation>刷新预览(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/actions.py" line="85"/>
        <source>&amp;About Briefing</source>
        <translation>关于 Briefing(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/actions.py" line="89"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/actions.py" line="105"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/actions.py" line="109"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/actions.py" line="116"/>
        <source>Interface &amp;Language</source>
        <translation>界面语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/actions.py" line="117"/>
        <source>&amp;Appearance</source>
        <translation>外观(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/actions.py" line="120"/>
        <location filename="../../briefing/ui/actions.py" line="123"/>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/actions.py" line="123"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/actions.py" line="124"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/actions.py" line="126"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/actions.py" line="129"/>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/layout.py" line="54"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/layout.py" line="55"/>
        <source>Stop the import or export (Esc)</source>
        <translation>停止导入或导出 (Esc)</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/questions.py" line="27"/>
        <source>Import workbooks</source>
        <translation>导入工作簿</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/main_window.py" line="349"/>
        <source>{0} file(s) will be imported next</source>
        <translation>接下来将导入 {0} 个文件</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/main_window.py" line="353"/>
        <source>Already imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/main_window.py" line="380"/>
        <source>Importing {0} file(s)…</source>
        <translation>正在导入 {0} 个文件…</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/main_window.py" line="382"/>
        <source>Import failed</source>
        <translation>导入失败</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/questions.py" line="33"/>
        <source>Wrong password for {0}. Try again:</source>
        <translation>{0} 的密码错误，请重试：</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/questions.py" line="34"/>
        <source>{0} is encrypted. Password:</source>
        <translation>{0} 已加密。密码：</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/questions.py" line="35"/>
        <source>Password required</source>
        <translation>需要密码</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/main_window.py" line="401"/>
        <source>The data changed since the project was saved: edited findings are checked against it</source>
        <translation>自项目保存以来数据已变化：已编辑的结论将据此核对</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/main_window.py" line="404"/>
        <source>Imported {0} tables from {1} file(s)</source>
        <translation>已从 {1} 个文件导入 {0} 个表格</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/main_window.py" line="407"/>
        <source>Some files could not be imported</source>
        <translation>部分文件无法导入</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/main_window.py" line="437"/>
        <source>Tick a theme to see the briefing.</source>
        <translation>勾选一个主题以查看简报。</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/main_window.py" line="444"/>
        <source>Updating…</source>
        <translation>正在更新…</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/main_window.py" line="454"/>
        <source>{0} pages</source>
        <translation>{0} 页</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/main_window.py" line="464"/>
        <source>Preview failed</source>
        <translation>预览失败</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/main_window.py" line="466"/>
        <source>Preview failed: {0}</source>
        <translation>预览失败：{0}</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/questions.py" line="42"/>
        <source>Export PDF</source>
        <translation>导出 PDF</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/main_window.py" line="485"/>
        <location filename="../../briefing/ui/main_window.py" line="493"/>
        <source>Nothing to export</source>
        <translation>没有可导出的内容</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/main_window.py" line="485"/>
        <source>Tick at least one theme to write about.</source>
        <translation>请至少勾选一个主题。</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/main_window.py" line="503"/>
        <source>Exporting {0}…</source>
        <translation>正在导出 {0}…</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/main_window.py" line="505"/>
        <source>Could not export the PDF</source>
        <translation>无法导出 PDF</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/main_window.py" line="516"/>
        <source>Wrote {0}: {1} pages</source>
        <translation>已写入 {0}：{1} 页</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/questions.py" line="49"/>
        <source>Save project</source>
        <translation>保存项目</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/questions.py" line="53"/>
        <source>Open project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/questions.py" line="60"/>
        <source>Source not found</source>
        <translation>找不到数据源</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/questions.py" line="61"/>
        <source>{0} is not where the project says. Please locate it.</source>
        <translation>{0} 不在项目记录的位置，请找到它。</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/questions.py" line="62"/>
        <source>Locate {0}</source>
        <translation>查找 {0}</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/questions.py" line="70"/>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/questions.py" line="71"/>
        <source>The briefing has changes that are not saved. Save them?</source>
        <translation>简报有未保存的更改。要保存吗？</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/questions.py" line="78"/>
        <source>Restore unsaved work?</source>
        <translation>恢复未保存的工作？</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/questions.py" line="79"/>
        <source>Briefing did not close properly. Restore the unsaved changes to “{0}” from {1}?</source>
        <translation>Briefing 上次未正常关闭。要恢复“{0}”在 {1} 的未保存更改吗？</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/main_window.py" line="549"/>
        <source>Could not save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/main_window.py" line="493"/>
        <location filename="../../briefing/ui/main_window.py" line="549"/>
        <source>A source workbook is never overwritten.</source>
        <translation>数据源工作簿永远不会被覆盖。</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/main_window.py" line="513"/>
        <source>Wrote {0}: {1} pages, with {2} warning(s) in Import messages</source>
        <translation>已写入{0}：共{1}页，另有{2}条警告，见“导入消息”</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/main_window.py" line="554"/>
        <location filename="../../briefing/ui/main_window.py" line="557"/>
        <source>Could not save the project</source>
        <translation>无法保存项目</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/main_window.py" line="562"/>
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/main_window.py" line="332"/>
        <location filename="../../briefing/ui/main_window.py" line="582"/>
        <location filename="../../briefing/ui/main_window.py" line="600"/>
        <source>Could not open the project</source>
        <translation>无法打开项目</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/main_window.py" line="601"/>
        <source>Source file not found: {0}</source>
        <translation>找不到数据源文件：{0}</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/main_window.py" line="163"/>
        <source>Import a workbook (Ctrl+I) to start.</source>
        <translation>导入一个工作簿 (Ctrl+I) 开始。</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/main_window.py" line="162"/>
        <source>Import a workbook (Ctrl+I) or drop one here.</source>
        <translation>导入工作簿 (Ctrl+I) 或拖放到此处。</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/recent.py" line="50"/>
        <source>No recent projects</source>
        <translation>没有最近的项目</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/recent.py" line="52"/>
        <source>&amp;Clear Menu</source>
        <translation>清除菜单(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/main_window.py" line="637"/>
        <location filename="../../briefing/ui/main_window.py" line="640"/>
        <source>Autosave failed: {0}</source>
        <translation>自动保存失败：{0}</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/main_window.py" line="657"/>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/task_runner.py" line="22"/>
        <source>{0} cancelled</source>
        <translation>{0}已取消</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/task_runner.py" line="23"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/task_runner.py" line="23"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/task_runner.py" line="65"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/main_window.py" line="673"/>
        <source>About Briefing</source>
        <translation>关于 Briefing</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/main_window.py" line="678"/>
        <source>&amp;Undo {0}</source>
        <translation>撤销 {0}(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/main_window.py" line="679"/>
        <source>&amp;Redo {0}</source>
        <translation>重做 {0}(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/main_window.py" line="709"/>
        <source>{0} theme section(s) from {1} tables in {2} file(s).</source>
        <translation>{0} 个主题章节，来自 {2} 个文件中的 {1} 个表格。</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/main_window.py" line="736"/>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/actions.py" line="63" />
        <source>Export &amp;Data…</source>
        <translation>导出数据(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/actions.py" line="64" />
        <source>Write every table the briefing uses to an Excel workbook</source>
        <translation>将简报使用的每张表格写入 Excel 工作簿</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/export_data.py" line="24" />
        <source>Export Data</source>
        <translation>导出数据</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/export_data.py" line="25" />
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/export_data.py" line="57" />
        <source>Could not export the data</source>
        <translation>无法导出数据</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/export_data.py" line="61" />
        <source>Wrote {0}: {1} tables</source>
        <translation>已写入 {0}：{1} 张表格</translation>
    </message>
</context>
<context>
    <name>PreviewPanel</name>
    <message>
        <location filename="../../briefing/ui/preview_panel.py" line="32"/>
        <source>The preview appears here once the data is imported and a theme is ticked.</source>
        <translation>导入数据并勾选主题后，预览将显示在这里。</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/preview_panel.py" line="42"/>
        <source>Previous page (Page Up)</source>
        <translation>上一页 (Page Up)</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/preview_panel.py" line="44"/>
        <source>Next page (Page Down)</source>
        <translation>下一页 (Page Down)</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/preview_panel.py" line="48"/>
        <source>Go to page</source>
        <translation>转到页</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/preview_panel.py" line="50"/>
        <location filename="../../briefing/ui/preview_panel.py" line="201"/>
        <source>of {0}</source>
        <translation>/ {0}</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/preview_panel.py" line="51"/>
        <source>Zoom out (Ctrl+-)</source>
        <translation>缩小 (Ctrl+-)</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/preview_panel.py" line="53"/>
        <source>Zoom</source>
        <translation>缩放</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/preview_panel.py" line="54"/>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/preview_panel.py" line="55"/>
        <source>Fit page</source>
        <translation>适合页面</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/preview_panel.py" line="59"/>
        <source>Zoom in (Ctrl++)</source>
        <translation>放大 (Ctrl++)</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/preview_panel.py" line="66"/>
        <source>&lt;b&gt;Preview&lt;/b&gt;</source>
        <translation>&lt;b&gt;预览&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/preview_panel.py" line="105"/>
        <source>Could not show the preview</source>
        <translation>无法显示预览</translation>
    </message>
</context>
<context>
    <name>SourcesPanel</name>
    <message>
        <location filename="../../briefing/ui/sources_panel.py" line="32"/>
        <source>Table</source>
        <translation>表格</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/sources_panel.py" line="32"/>
        <source>Range</source>
        <translation>范围</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/sources_panel.py" line="32"/>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/sources_panel.py" line="32"/>
        <source>Themes</source>
        <translation>主题</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/sources_panel.py" line="48"/>
        <source>Table preview</source>
        <translation>表格预览</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/sources_panel.py" line="49"/>
        <source>Import messages</source>
        <translation>导入消息</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/sources_panel.py" line="52"/>
        <source>&lt;b&gt;Sources&lt;/b&gt;</source>
        <translation>&lt;b&gt;数据源&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/sources_panel.py" line="72"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/sources_panel.py" line="135"/>
        <source>No theme matched this table</source>
        <translation>没有主题与此表格匹配</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/sources_panel.py" line="194"/>
        <source>1 table</source>
        <translation>1 个表格</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/sources_panel.py" line="194"/>
        <source>{0} tables</source>
        <translation>{0} 个表格</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/sources_panel.py" line="245"/>
        <source>Import messages ({0})</source>
        <translation>导入消息 ({0})</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/sources_panel.py" line="245"/>
        <source>Import messages: none</source>
        <translation>导入消息：无</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/sources_panel.py" line="255"/>
        <source>&lt;b&gt;Sources&lt;/b&gt; — {0} tables from {1} file(s)</source>
        <translation>&lt;b&gt;数据源&lt;/b&gt; — {1} 个文件中的 {0} 个表格</translation>
    </message>
</context>
<context>
    <name>TablePreview</name>
    <message>
        <location filename="../../briefing/ui/table_preview.py" line="41"/>
        <source>Total (the benchmark or the sum; not ranked)</source>
        <translation>合计（基准或总和；不参与排名）</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/table_preview.py" line="43"/>
        <source>Aggregate of other rows (not ranked)</source>
        <translation>其他行的汇总（不参与排名）</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/table_preview.py" line="45"/>
        <source>Member (a plain row)</source>
        <translation>成员（普通行）</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/table_preview.py" line="152"/>
        <source>Select a table to see what was read from it.</source>
        <translation>选择一个表格，查看从中读取的内容。</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/table_preview.py" line="160"/>
        <source>Source: {0}</source>
        <translation>来源：{0}</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/table_preview.py" line="185"/>
        <source>Row Role</source>
        <translation>行角色</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/table_preview.py" line="193"/>
        <source>As Read (Automatic)</source>
        <translation>按读取结果（自动）</translation>
    </message>
</context>
<context>
    <name>TableThemesDialog</name>
    <message>
        <location filename="../../briefing/ui/theme_dialogs.py" line="88"/>
        <source>Themes of “{0}”</source>
        <translation>“{0}”的主题</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/theme_dialogs.py" line="89"/>
        <source>Tick the themes this table belongs to; drag to order them. The first is the section it appears in.</source>
        <translation>勾选此表格所属的主题，拖动以排序。第一个即它所在的章节。</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/theme_dialogs.py" line="105"/>
        <source>&amp;Automatic</source>
        <translation>自动(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/theme_dialogs.py" line="106"/>
        <source>Use the themes the keywords find</source>
        <translation>使用关键词找到的主题</translation>
    </message>
</context>
<context>
    <name>ThemeDialog</name>
    <message>
        <location filename="../../briefing/ui/theme_dialogs.py" line="33"/>
        <source>Edit theme</source>
        <translation>编辑主题</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/theme_dialogs.py" line="33"/>
        <source>New theme</source>
        <translation>新建主题</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/theme_dialogs.py" line="40"/>
        <source>talent, skill*, hiring</source>
        <translation>talent, skill*, hiring</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/theme_dialogs.py" line="41"/>
        <source>Whole words, comma-separated; end with * to match a prefix</source>
        <translation>整词，用逗号分隔；以 * 结尾表示匹配前缀</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/theme_dialogs.py" line="45"/>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/theme_dialogs.py" line="46"/>
        <source>Name (&amp;Chinese):</source>
        <translation>中文名称(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/theme_dialogs.py" line="47"/>
        <source>&amp;Description:</source>
        <translation>说明(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/theme_dialogs.py" line="48"/>
        <source>&amp;Keywords:</source>
        <translation>英文关键词(&amp;K)：</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/theme_dialogs.py" line="49"/>
        <source>Keywords (C&amp;hinese):</source>
        <translation>中文关键词(&amp;H)：</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/theme_dialogs.py" line="67"/>
        <source>Give the theme a name.</source>
        <translation>请为主题命名。</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/theme_dialogs.py" line="69"/>
        <source>Give at least one keyword.</source>
        <translation>请至少给出一个关键词。</translation>
    </message>
</context>
<context>
    <name>ThemesPanel</name>
    <message>
        <location filename="../../briefing/ui/themes_panel.py" line="158"/>
        <source>Move &amp;up</source>
        <translation>上移(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/themes_panel.py" line="159"/>
        <source>Move &amp;down</source>
        <translation>下移(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/themes_panel.py" line="160"/>
        <source>With &amp;data</source>
        <translation>有数据的(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/themes_panel.py" line="161"/>
        <source>Tick exactly the themes the imported data supports</source>
        <translation>只勾选导入数据支持的主题</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/themes_panel.py" line="165"/>
        <source>&amp;New theme…</source>
        <translation>新建主题(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/themes_panel.py" line="166"/>
        <source>Add your own theme with its keywords</source>
        <translation>添加您自己的主题及关键词</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/themes_panel.py" line="168"/>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/themes_panel.py" line="169"/>
        <source>Edit the selected theme you added</source>
        <translation>编辑您添加的所选主题</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/themes_panel.py" line="171"/>
        <source>Remo&amp;ve</source>
        <translation>删除(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/themes_panel.py" line="172"/>
        <source>Remove the selected theme you added</source>
        <translation>删除您添加的所选主题</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/themes_panel.py" line="175"/>
        <source>Tick the themes to write about; drag to set their order.</source>
        <translation>勾选要撰写的主题，拖动以设置顺序。</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/themes_panel.py" line="85"/>
        <source>{0}  ·  {1} tables</source>
        <translation>{0}  ·  {1} 个表格</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/themes_panel.py" line="86"/>
        <source>{0}  ·  1 table</source>
        <translation>{0}  ·  1 个表格</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/themes_panel.py" line="84"/>
        <source>{0}  ·  no data</source>
        <translation>{0}  ·  无数据</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/themes_panel.py" line="88"/>
        <source>No imported table matches this theme.</source>
        <translation>没有导入的表格与此主题匹配。</translation>
    </message>
    <message>
        <location filename="../../briefing/ui/themes_panel.py" line="269"/>
        <source>&lt;b&gt;Themes&lt;/b&gt; — {0} of {1} ticked</source>
        <translation>&lt;b&gt;主题&lt;/b&gt; — 已勾选 {0}/{1}</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <location filename="../../briefing/ui/app.py" line="124"/>
        <source>File not found</source>
        <translation>找不到文件</translation>
    </message>
</context>
</TS>
