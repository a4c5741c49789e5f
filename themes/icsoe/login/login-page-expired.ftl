<#--
  "La página expiró" (Keycloak shows it when a form is sent again, e.g. after Back). Replaces
  base/login/login-page-expired.ftl (Keycloak 26.7.5), whose two identical "click here" links sit in
  running text with a stray space before each period: here one sentence and two buttons that say
  where they lead. Keycloak's link ids are kept.
-->
<#import "template.ftl" as layout>
<@layout.registrationLayout; section>
    <#if section = "header">
        ${msg("pageExpiredTitle")}
    <#elseif section = "form">
        <p id="instruction1" class="icsoe-notice__text">${msg("icsoePageExpiredText")}</p>
        <div class="icsoe-actions">
            <a id="loginRestartLink" class="icsoe-btn icsoe-btn--secondary" href="${url.loginRestartFlowUrl}">${msg("icsoePageExpiredRestart")}</a>
            <a id="loginContinueLink" class="icsoe-btn icsoe-btn--primary" href="${url.loginAction}">${msg("icsoePageExpiredContinue")}</a>
        </div>
    </#if>
</@layout.registrationLayout>
