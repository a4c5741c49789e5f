<#--
  "Your password was updated" email, HTML part (new template, sent by the icsoe event listener with
  changedAt = date and time already formatted in Mexico City time, realmName, and viaEfirma when the
  person recovered the password with her e.firma).
-->
<#import "icsoe-email-layout.ftl" as mail>
<@mail.layout title=msg("icsoePasswordUpdatedSubject")>
<div id="icsoe-password-updated-email">
<@mail.heading text=msg("icsoePasswordUpdatedHeading")/>
<@mail.p><@mail.greeting/></@mail.p>
<@mail.p>${kcSanitize(msg("icsoePasswordUpdatedBodyHtml", changedAt, realmName))?no_esc}</@mail.p>
<#if viaEfirma!false><@mail.p><span id="icsoe-password-updated-by-efirma">${msg("icsoePasswordUpdatedByEfirma")}</span></@mail.p></#if>
<@mail.p>${msg("icsoePasswordUpdatedIfYou")}</@mail.p>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 16px 0;">
<tr><td style="padding:12px 16px;background-color:#fdeef0;border-left:4px solid #c3001b;font-size:14px;line-height:20px;color:#212121;">
<strong>${msg("icsoePasswordUpdatedNotYouTitle")}</strong><br>${msg("icsoePasswordUpdatedNotYou")}
</td></tr>
</table>
</div>
</@mail.layout>
