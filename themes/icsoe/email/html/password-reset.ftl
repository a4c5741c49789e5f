<#--
  Reset email, HTML part. Overrides base/email/html/password-reset.ftl of Keycloak 26.7.5 (which
  renders one HTML message from the bundle): the ICSOE frame, a clear button plus the plain link,
  the expiry in minutes, and what to do when the person did not ask for it.
-->
<#import "icsoe-email-layout.ftl" as mail>
<@mail.layout title=msg("passwordResetSubject") preheader=msg("icsoeResetPreheader", linkExpiration)>
<@mail.heading text=msg("icsoeResetHeading")/>
<@mail.p><@mail.greeting/></@mail.p>
<@mail.p>${msg("icsoeResetIntro")} ${msg("icsoeResetButtonIntro")}</@mail.p>
<@mail.button href=link label=msg("icsoeResetButton")/>
<@mail.p>${msg("icsoeResetExpiry", linkExpiration)}</@mail.p>
<p style="margin:0 0 8px 0;font-size:14px;line-height:20px;color:#545454;">${msg("icsoeResetLinkIntro")}</p>
<p style="margin:0 0 24px 0;font-size:14px;line-height:20px;word-break:break-all;"><a href="${link}" target="_blank" style="color:#9d2449;">${link}</a></p>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 16px 0;">
<tr><td style="padding:12px 16px;background-color:#faf5ec;border-left:4px solid #b38e5d;font-size:14px;line-height:20px;color:#212121;">
<strong>${msg("icsoeResetNotYouTitle")}</strong><br>${msg("icsoeResetNotYou")}
</td></tr>
</table>
</@mail.layout>
